// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.modules.AttentionMechanism;
import org.nd4j.linalg.api.buffer.DataType;

/** fairseq's {@code TransformerLanguageModel}: a {@link TransformerDecoder} named {@code decoder}. */
public final class TransformerLanguageModel extends Module {
  private final TransformerDecoder decoder;

  /** Builds the model. */
  public TransformerLanguageModel(TransformerLmConfig cfg, int vocab, int paddingIdx,
      AttentionMechanism.Factory mechanism, DataType type, Rng rng) {
    decoder = child("decoder", new TransformerDecoder(cfg, vocab, paddingIdx, mechanism, type, rng));
  }

  /** The decoder. */
  public TransformerDecoder decoder() {
    return decoder;
  }

  /** tokens: [B, T] row-major -> logits [B, T, V]. */
  public Tensor forward(int[] tokens, int width) {
    return decoder.forward(tokens, width);
  }
}
