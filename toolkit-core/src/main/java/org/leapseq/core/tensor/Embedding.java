// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import java.util.Arrays;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
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
    int[] flat = ids.dup('c').reshape(ids.length()).toIntVector();
    for (int id : flat) {
      Require.that(id >= 0 && id < vocab, "embedding id %d outside vocabulary of %d", id, vocab);
    }
    long[] outShape = new long[ids.rank() + 1];
    System.arraycopy(ids.shape(), 0, outShape, 0, ids.rank());
    outShape[ids.rank()] = weight.size(1);
    INDArray rows = weight.value().getRows(flat);
    Tensor.Slot ws = weight.slot();
    return Tensor.record(rows.reshape(outShape), g -> {
      if (ws.requiresGrad()) {
        scatterAddRows(ws.gradBuffer(), g, flat, paddingIdx);
      }
    }, weight);
  }

  /**
   * gradW: [V, C] += rows of g: [N, C] at ids (in place). Repeated ids are summed in Java first, so the single
   * scatter sees each row once; the padding row is skipped.
   */
  private static void scatterAddRows(INDArray gradW, INDArray g, int[] ids, int paddingIdx) {
    int width = (int) gradW.size(1);
    double[] src = g.dup('c').data().asDouble();
    int[] slotOf = new int[(int) gradW.size(0)];
    Arrays.fill(slotOf, -1);
    int[] unique = new int[ids.length];
    double[] sums = new double[ids.length * width];
    int u = 0;
    for (int i = 0; i < ids.length; i++) {
      int id = ids[i];
      if (id == paddingIdx) {
        continue;
      }
      if (slotOf[id] < 0) {
        slotOf[id] = u;
        unique[u++] = id;
      }
      int from = i * width;
      int to = slotOf[id] * width;
      for (int k = 0; k < width; k++) {
        sums[to + k] += src[from + k];
      }
    }
    if (u == 0) {
      return;
    }
    INDArray updates = Nd4j.create(Arrays.copyOf(sums, u * width), new long[] {u, width}, gradW.dataType());
    ScatterAdd op = new ScatterAdd(gradW, Nd4j.createFromArray(Arrays.copyOf(unique, u)), updates);
    op.addOutputArgument(gradW);
    Nd4j.exec(op);
  }
}
