// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

/**
 * A decoder that scores and generates incrementally (fairseq's {@code FairseqIncrementalDecoder}): a sequence is fed
 * block by block, or token by token, through a {@link DecoderState}; the results equal one forward pass over the
 * whole sequence. Linear attention carries running sums (O(1) per token), softmax attention a key/value cache.
 */
public interface IncrementalDecoder {
  /** The decoding state before the first token, for {@code batch} rows. */
  DecoderState emptyState(int batch);

  /**
   * Continues every row of the state by a block of tokens [B, T] (no pads, no gradients) -> the block's features
   * [B, T, E_out] and the state after it. A softmax state's key/value cache is extended in place.
   */
  TransformerDecoder.Decoded extend(DecoderState state, int[] tokens, int width);
}
