// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A two-layer toy language model with fairseq's names: embed_tokens, a version buffer, layers.{i}.{fc,ln}, and an
 * output projection tied to the embedding.
 */
final class TinyLm extends Module {
  static final int VOCAB = 7;
  static final int DIM = 4;
  static final int PAD = 1;

  /** One residual block: x + tanh(ln(fc(x))). */
  static final class Block extends Module {
    final Linear fc;
    final LayerNorm ln;

    Block(DataType dtype, Rng rng) {
      fc = child("fc", new Linear(DIM, DIM, Linear.Bias.WITH, dtype, rng));
      ln = child("ln", new LayerNorm(DIM, dtype));
    }

    Tensor forward(Tensor x) {
      return x.add(ln.forward(fc.forward(x)).tanh());
    }
  }

  final Embedding embedTokens;
  final INDArray version;
  final ModuleList<Block> layers;
  final Linear outputProjection;

  TinyLm(DataType dtype, Rng rng) {
    embedTokens = child("embed_tokens", new Embedding(VOCAB, DIM, PAD, dtype, rng));
    version = buffer("version", Nd4j.createFromArray(3.0f));
    layers = child("layers", ModuleList.of(2, i -> new Block(dtype, rng)));
    outputProjection = child("output_projection", Linear.tied(embedTokens.weight()));
  }

  /** ids: [B, T] -> logits [B, T, V]. */
  Tensor forward(INDArray ids) {
    Tensor x = embedTokens.forward(ids);
    for (Block b : layers) {
      x = b.forward(x);
    }
    return outputProjection.forward(x);
  }
}
