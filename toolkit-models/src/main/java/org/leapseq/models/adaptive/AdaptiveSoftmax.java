// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.adaptive;

import org.leapseq.core.nn.Module;

/**
 * Placeholder type for fairseq's {@code AdaptiveSoftmax}; the adaptive-softmax work replaces this file with the
 * module (head, tail clusters, projections) and its loss and log-probabilities.
 */
public abstract class AdaptiveSoftmax extends Module {}
