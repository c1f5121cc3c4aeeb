// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * fairseq's {@code Embedding}: {@code weight} [V, C] drawn from normal(0, C^-0.5) with the padding row zero; the
 * padding row never receives a gradient, so it stays zero under training.
 */
public final class Embedding extends Module {
  private final Tensor weight;
  private final int paddingIdx;

  public Embedding(long num, long dim, int paddingIdx, DataType dtype, Rng rng) {
    this.weight = param("weight", Init.embedding(rng, dtype, num, dim, paddingIdx));
    this.paddingIdx = paddingIdx;
  }

  /** ids: integer [B, T] (any shape) -> [B, T, C]. */
  public Tensor forward(INDArray ids) {
    return org.leapseq.core.tensor.Embedding.lookup(weight, ids, paddingIdx);
  }

  /** [V, C]; an output projection ties to it with {@link Module#tie}. */
  public Tensor weight() {
    return weight;
  }

  public int paddingIdx() {
    return paddingIdx;
  }

  public long numEmbeddings() {
    return weight.size(0);
  }

  public long embeddingDim() {
    return weight.size(1);
  }
}
