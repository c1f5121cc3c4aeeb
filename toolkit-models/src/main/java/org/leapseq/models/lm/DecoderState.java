// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import org.leapseq.core.Require;
import org.leapseq.models.attention.AttentionState;

/**
 * What a decoder keeps between incremental calls (fairseq's {@code incremental_state}): one self-attention state
 * per layer (running sums for linear attention, a key/value cache for softmax) and the number of positions taken.
 * Beam search reorders it by batch row.
 *
 * @param layers the per-layer attention states, all for the same batch
 * @param steps the positions consumed so far (the next token's position index, counted from 0)
 */
public record DecoderState(AttentionState[] layers, long steps) {
  /** Checks that the layers agree on the batch. */
  public DecoderState {
    Require.that(layers.length > 0, "a decoder state needs at least one layer");
    for (AttentionState s : layers) {
      Require.that(s.batch() == layers[0].batch(), "layer states disagree on the batch: %d vs %d", s.batch(),
          layers[0].batch());
    }
    layers = layers.clone();
  }

  /** Batch size B. */
  public int batch() {
    return layers[0].batch();
  }

  /** Layer i's attention state. */
  public AttentionState layer(int i) {
    return layers[i];
  }

  /** A state whose row i is this state's row {@code order[i]} (this state is left unchanged). */
  public DecoderState reorder(int[] order) {
    AttentionState[] out = new AttentionState[layers.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = layers[i].reorder(order);
    }
    return new DecoderState(out, steps);
  }

  @Override
  public AttentionState[] layers() {
    return layers.clone();
  }
}
