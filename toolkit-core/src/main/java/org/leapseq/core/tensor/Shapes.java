// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import java.util.Arrays;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/** Axis arithmetic and numpy-style broadcasting on raw arrays, shared by the op families. */
final class Shapes {
  /** The four broadcasting arithmetic ops. */
  enum Arith { ADD, SUB, MUL, DIV }

  private Shapes() {}

  /** Normalises a possibly negative axis into [0, rank). */
  static int axis(int axis, int rank) {
    int a = axis < 0 ? axis + rank : axis;
    Require.that(a >= 0 && a < rank, "axis %d out of range for rank %d", axis, rank);
    return a;
  }

  /** Normalised copies of several axes. */
  static int[] axes(int[] axes, int rank) {
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      out[i] = axis(axes[i], rank);
    }
    return out;
  }

  /** The broadcast shape of {@code a} and {@code b} (numpy rules, trailing axes aligned). */
  static long[] broadcast(long[] a, long[] b) {
    int r = Math.max(a.length, b.length);
    long[] out = new long[r];
    for (int i = 0; i < r; i++) {
      long da = i < r - a.length ? 1 : a[i - (r - a.length)];
      long db = i < r - b.length ? 1 : b[i - (r - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw LeapseqException.of("shapes %s and %s do not broadcast", Arrays.toString(a), Arrays.toString(b));
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** {@code shape} with leading ones up to {@code rank}. */
  static long[] padLeft(long[] shape, int rank) {
    long[] out = new long[rank];
    Arrays.fill(out, 1);
    System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
    return out;
  }

  /** a op b with broadcasting, into a new array of the broadcast shape. */
  static INDArray apply(Arith op, INDArray a, INDArray b) {
    Require.that(a.dataType() == b.dataType(), "dtype mismatch: %s vs %s", a.dataType(), b.dataType());
    if (Arrays.equals(a.shape(), b.shape())) {
      return switch (op) {
        case ADD -> a.add(b);
        case SUB -> a.sub(b);
        case MUL -> a.mul(b);
        case DIV -> a.div(b);
      };
    }
    long[] shape = broadcast(a.shape(), b.shape());
    INDArray a2 = a.rank() == shape.length ? a : a.reshape(padLeft(a.shape(), shape.length));
    INDArray b2 = b.rank() == shape.length ? b : b.reshape(padLeft(b.shape(), shape.length));
    INDArray out = Nd4j.createUninitialized(a.dataType(), shape);
    INDArray[] in = {a2, b2};
    INDArray[] res = {out};
    DynamicCustomOp custom = switch (op) {
      case ADD -> new AddOp(in, res);
      case SUB -> new SubOp(in, res);
      case MUL -> new MulOp(in, res);
      case DIV -> new DivOp(in, res);
    };
    Nd4j.exec(custom);
    return out;
  }

  /** Sums {@code g} over the axes that broadcasting expanded, giving an array of {@code shape}. */
  static INDArray sumTo(INDArray g, long[] shape) {
    if (Arrays.equals(g.shape(), shape)) {
      return g;
    }
    long[] padded = padLeft(shape, g.rank());
    int n = 0;
    int[] axes = new int[g.rank()];
    for (int i = 0; i < g.rank(); i++) {
      if (padded[i] == 1 && g.size(i) != 1) {
        axes[n++] = i;
      }
    }
    if (n == 0) {
      return g.reshape(shape);
    }
    int[] reduced = Arrays.copyOf(axes, n);
    if (leadingAxes(reduced)) {
      long cols = g.length() / rowCount(g, n);
      return columnSums(g.reshape(g.length() / cols, cols)).reshape(shape);
    }
    return g.sum(true, reduced).reshape(shape);
  }

  /**
   * g: [N, C] -> the column sums [1, C] as one gemv with a row of ones: ND4J's sum over dimension 0 of a c-order
   * matrix is a strided reduction that profiled at most of a transformer layer's backward time.
   */
  static INDArray columnSums(INDArray g) {
    INDArray ones = Nd4j.ones(g.dataType(), 1, g.size(0));
    return Nd4j.gemm(ones, g.ordering() == 'c' ? g : g.dup('c'), false, false);
  }

  private static boolean leadingAxes(int[] axes) {
    for (int i = 0; i < axes.length; i++) {
      if (axes[i] != i) {
        return false;
      }
    }
    return true;
  }

  private static long rowCount(INDArray g, int leading) {
    long rows = 1;
    for (int i = 0; i < leading; i++) {
      rows *= g.size(i);
    }
    return rows;
  }

  /** {@code g} (of a shape that broadcasts to {@code shape}) expanded into a new array of {@code shape}. */
  static INDArray expand(INDArray g, long[] shape) {
    return apply(Arith.ADD, Nd4j.zeros(g.dataType(), shape), g);
  }
}
