// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

/**
 * What one attention layer keeps between decoding calls: a key/value cache for softmax attention, running sums for
 * linear attention, or a summarised encoder memory for cross-attention. Beam search reorders it by batch row.
 */
public interface AttentionState {
  /** Batch size B. */
  int batch();

  /** A state whose batch element i is this state's element {@code order[i]}; this state is left unchanged. */
  AttentionState reorder(int[] order);
}
