// SPDX-License-Identifier: Apache-2.0
/**
 * The foundation every other module builds on: the generic {@link org.leapseq.core.Registry}, configuration
 * records and their mapping onto command-line flags, user-facing errors, and crash-safe file output.
 */
package org.leapseq.core;
