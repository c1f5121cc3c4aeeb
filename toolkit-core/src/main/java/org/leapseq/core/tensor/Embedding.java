// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import java.util.Arrays;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
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
    INDArray rows = gatherRows(weight.value(), flat);
    Tensor.Slot ws = weight.slot();
    return Tensor.record(rows.reshape(outShape), g -> {
      if (ws.requiresGrad()) {
        scatterAddRows(ws.gradBuffer(), g, flat, paddingIdx);
      }
    }, weight);
  }

  /**
   * Rows {@code ids} of w: [V, C] as a fresh [N, C], copied straight between the native buffers for float and double
   * weights that own their buffer (ND4J's getRows runs one assign op per row, each with its own shape buffers: 4.5%
   * of a 4x256 training step at 8,192 tokens); other types or layouts go through ND4J's pullRows.
   */
  static INDArray gatherRows(INDArray w, int[] ids) {
    long width = w.size(1);
    boolean dense = !w.isView() && w.offset() == 0 && w.data().offset() == 0 && w.ordering() == 'c'
        && w.stride(0) == width && (width == 1 || w.stride(1) == 1);
    DataType type = w.dataType();
    if (!dense || (long) ids.length * width > Integer.MAX_VALUE
        || w.length() > Integer.MAX_VALUE
        || type != DataType.FLOAT && type != DataType.DOUBLE) {
      return Nd4j.pullRows(w, 1, ids);
    }
    int c = (int) width;
    INDArray out = Nd4j.createUninitialized(type, ids.length, width);
    if (type == DataType.FLOAT) {
      java.nio.FloatBuffer src = w.data().asNioFloat();
      java.nio.FloatBuffer dst = out.data().asNioFloat();
      for (int i = 0; i < ids.length; i++) {
        dst.put(i * c, src, ids[i] * c, c);
      }
    } else {
      java.nio.DoubleBuffer src = w.data().asNioDouble();
      java.nio.DoubleBuffer dst = out.data().asNioDouble();
      for (int i = 0; i < ids.length; i++) {
        dst.put(i * c, src, ids[i] * c, c);
      }
    }
    return out;
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
