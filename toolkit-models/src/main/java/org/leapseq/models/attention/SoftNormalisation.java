// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

/** How the training-time (expected) wait-k cross-attention normalises the LeaPformer scores over the prefix. */
public enum SoftNormalisation {
  /**
   * The reference's {@code expected_soft_attention} without the LeaPformer flag: a softmax ({@code exp}, max
   * subtracted, eps added) over the prefix of the LeaPformer scores. Differs from inference.
   */
  SOFTMAX_OVER_PREFIX,
  /** Consistent with inference: scores over the prefix divided by {@code clamp_min(prefix sum, 0.1)}. */
  LINEAR
}
