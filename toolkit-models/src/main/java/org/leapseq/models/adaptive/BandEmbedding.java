// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.adaptive;

import org.leapseq.core.nn.Init;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.Embedding;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code nn.Embedding} of one adaptive-input band, initialised as fairseq's {@code AdaptiveInput}: normal(0,
 * dim^-0.5) with row {@code padding_idx} zeroed in every band. Only band 0 is built with {@code padding_idx}, so
 * only there is the row frozen; in later bands it starts at zero but trains (fairseq resets its padding index to
 * None after the first band).
 */
final class BandEmbedding extends Module {
  private final Tensor weight;
  private final int frozenRow;

  /** {@code frozenRow}: the row that never gets a gradient, or -1. */
  BandEmbedding(int size, int dim, int paddingIdx, boolean frozen, DataType type, Rng rng) {
    INDArray w = Init.normal(rng, type, 0, Math.pow(dim, -0.5), size, dim);
    if (paddingIdx < size) {
      w.getRow(paddingIdx).assign(0);
    }
    weight = param("weight", w);
    frozenRow = frozen ? paddingIdx : -1;
  }

  /** ids: integer [N] of band-local ids -> [N, dim]. */
  Tensor forward(INDArray ids) {
    return frozenRow >= 0 ? Embedding.lookup(weight, ids, frozenRow) : Embedding.lookup(weight, ids);
  }

  /** [size, dim]. */
  Tensor weight() {
    return weight;
  }
}
