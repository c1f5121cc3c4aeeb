// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

/** Whether query i may see keys j > i. */
public enum Causality {
  /** Every query sees every (valid) key. */
  NON_CAUSAL,
  /** Query i sees keys j <= i (decoder self-attention). */
  CAUSAL
}
