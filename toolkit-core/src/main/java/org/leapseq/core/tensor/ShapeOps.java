// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reshape, permute, slice, concatenate and pad; views where ND4J can make them, copies otherwise. */
public final class ShapeOps {
  private ShapeOps() {}

  /** x -> the same elements in {@code shape} (row-major; one entry may be -1). */
  public static Tensor reshape(Tensor x, long... shape) {
    long[] in = x.shape();
    Tensor.Slot xs = x.slot();
    return Tensor.record(x.value().reshape(shape), g -> xs.addGrad(g.reshape(in)), x);
  }

  /** Output axis i is input axis {@code axes[i]}. */
  public static Tensor permute(Tensor x, int... axes) {
    int[] ax = Shapes.axes(axes, x.rank());
    int[] inverse = new int[ax.length];
    for (int i = 0; i < ax.length; i++) {
      inverse[ax[i]] = i;
    }
    Tensor.Slot xs = x.slot();
    return Tensor.record(x.value().permute(ax), g -> xs.addGrad(g.permute(inverse)), x);
  }

  /**
   * x with its elements in one dense row-major buffer: x itself when they already are, else a copy. Elementwise ND4J
   * ops on a permuted view run a strided loop several times slower than on a dense array, so a view that many ops
   * read (attention heads split out of [T, B, E]) is worth one copy.
   */
  public static Tensor contiguous(Tensor x) {
    INDArray v = x.value();
    if (v.ordering() == 'c' && !v.isView()) {
      return x;
    }
    Tensor.Slot xs = x.slot();
    return Tensor.record(v.dup('c'), xs::addGrad, x);
  }

  /** The {@code length} entries of {@code axis} starting at {@code start} (a view). */
  public static Tensor narrow(Tensor x, int axis, long start, long length) {
    int a = Shapes.axis(axis, x.rank());
    Require.that(start >= 0 && length >= 0 && start + length <= x.size(a),
        "narrow [%d, %d) out of range for axis %d of size %d", start, start + length, a, x.size(a));
    INDArrayIndex[] idx = slab(x.rank(), a, start, length);
    Tensor.Slot xs = x.slot();
    return Tensor.record(x.value().get(idx), g -> {
      if (xs.requiresGrad()) {
        xs.gradBuffer().get(idx).addi(g);
      }
    }, x);
  }

  /** Concatenation along {@code axis}; all other sizes must agree. */
  public static Tensor concat(int axis, Tensor... xs) {
    Require.that(xs.length > 0, "concat of nothing");
    int a = Shapes.axis(axis, xs[0].rank());
    INDArray[] values = new INDArray[xs.length];
    Tensor.Slot[] slots = new Tensor.Slot[xs.length];
    long[] lengths = new long[xs.length];
    for (int i = 0; i < xs.length; i++) {
      values[i] = xs[i].value();
      slots[i] = xs[i].slot();
      lengths[i] = xs[i].size(a);
    }
    INDArray y = xs.length == 1 ? values[0].dup() : Nd4j.concat(a, values);
    return Tensor.record(y, g -> {
      long start = 0;
      for (int i = 0; i < slots.length; i++) {
        slots[i].addGrad(g.get(slab(g.rank(), a, start, lengths[i])));   // one copy, not zeros plus an add
        start += lengths[i];
      }
    }, xs);
  }

  /** Pads {@code axis} with {@code before} and {@code after} entries equal to {@code value}. */
  public static Tensor pad(Tensor x, int axis, long before, long after, double value) {
    int a = Shapes.axis(axis, x.rank());
    Require.that(before >= 0 && after >= 0, "negative padding %d, %d", before, after);
    long[] shape = x.shape();
    shape[a] += before + after;
    INDArray y = Nd4j.zeros(x.dtype(), shape);
    if (value != 0) {
      y.addi(value);
    }
    INDArrayIndex[] idx = slab(x.rank(), a, before, x.size(a));
    y.get(idx).assign(x.value());
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> xs.addGrad(g.get(idx)), x);
  }

  /** Indexes selecting [start, start + length) of {@code axis} and everything of the other axes. */
  static INDArrayIndex[] slab(int rank, int axis, long start, long length) {
    INDArrayIndex[] idx = new INDArrayIndex[rank];
    for (int i = 0; i < rank; i++) {
      idx[i] = i == axis ? NDArrayIndex.interval(start, start + length) : NDArrayIndex.all();
    }
    return idx;
  }
}
