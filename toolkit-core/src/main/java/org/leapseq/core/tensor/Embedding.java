// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Embedding lookup with a sparse-row backward. */
public final class Embedding {
  private static final int NO_PADDING = -1;

  private Embedding() {}

  /** weight: [V, C], ids: integer [B, T] (any shape) -> [B, T, C]. */
  public static Tensor lookup(Tensor weight, INDArray ids) {
    return lookupImpl(weight, ids, NO_PADDING);
  }

  /** As {@link #lookup(Tensor, INDArray)}, but row {@code paddingIdx} of the weight never gets a gradient. */
  public static Tensor lookup(Tensor weight, INDArray ids, int paddingIdx) {
    Require.that(paddingIdx >= 0 && paddingIdx < weight.size(0), "padding index %d outside vocabulary of %d",
        paddingIdx, weight.size(0));
    return lookupImpl(weight, ids, paddingIdx);
  }

  private static Tensor lookupImpl(Tensor weight, INDArray ids, int paddingIdx) {
    Require.that(weight.rank() == 2, "embedding weight must be [V, C], got rank %d", weight.rank());
    Require.that(!ids.dataType().isFPType(), "embedding ids must be integers, got %s", ids.dataType());
    long vocab = weight.size(0);
    long c = weight.size(1);
    int[] flat = ids.dup('c').reshape(ids.length()).toIntVector();
    for (int id : flat) {
      Require.that(id >= 0 && id < vocab, "embedding id %d outside vocabulary of %d", id, vocab);
    }
    long[] outShape = new long[ids.rank() + 1];
    System.arraycopy(ids.shape(), 0, outShape, 0, ids.rank());
    outShape[ids.rank()] = c;
    INDArray rows = weight.value().getRows(flat);
    return Tensor.record(rows.reshape(outShape), g -> weight.addFreshGrad(scatterRows(g, flat, vocab, c,
        paddingIdx)), weight);
  }

  /** g: [N, C] (any shape with N * C elements) -> dense [V, C] with row ids[i] += g[i], padding row left 0. */
  private static INDArray scatterRows(INDArray g, int[] ids, long vocab, long c, int paddingIdx) {
    double[] src = g.dup('c').data().asDouble();
    double[] dst = new double[Math.toIntExact(vocab * c)];
    int width = (int) c;
    for (int i = 0; i < ids.length; i++) {
      int id = ids[i];
      if (id == paddingIdx) {
        continue;
      }
      int from = i * width;
      int to = id * width;
      for (int k = 0; k < width; k++) {
        dst[to + k] += src[from + k];
      }
    }
    return Nd4j.create(dst, new long[] {vocab, c}, g.dataType());
  }
}
