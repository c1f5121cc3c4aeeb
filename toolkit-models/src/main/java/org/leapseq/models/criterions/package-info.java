// SPDX-License-Identifier: Apache-2.0
/**
 * Training objectives over language-model batches, as fairseq's criterions: a summed loss to back-propagate, the
 * sample size that divides the gradient, and summable logging outputs reduced to the logged metrics.
 */
package org.leapseq.models.criterions;
