// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.CumSum;
import org.nd4j.linalg.factory.Nd4j;

/** Sums, means and cumulative sums. */
public final class ReduceOps {
  /** Whether reduced axes stay as size-1 axes. */
  public enum Dims { KEEP, DROP }

  private ReduceOps() {}

  /** Sum of all elements -> a scalar of shape []. */
  public static Tensor sum(Tensor x) {
    long[] shape = x.shape();
    INDArray y = x.value().sum();
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> xs.addFreshGrad(Nd4j.zeros(g.dataType(), shape).addi(g.getDouble(0))), x);
  }

  /** Mean of all elements -> a scalar of shape []. */
  public static Tensor mean(Tensor x) {
    return MathOps.mul(sum(x), 1.0 / x.value().length());
  }

  /** Sum over {@code axes} (negative axes count from the end). */
  public static Tensor sum(Tensor x, Dims dims, int... axes) {
    long[] shape = x.shape();
    int[] ax = Shapes.axes(axes, x.rank());
    long[] keptShape = shape.clone();
    for (int a : ax) {
      keptShape[a] = 1;
    }
    INDArray y = x.value().sum(dims == Dims.KEEP, ax);
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> xs.addFreshGrad(Shapes.expand(g.reshape(keptShape), shape)), x);
  }

  /** Mean over {@code axes}. */
  public static Tensor mean(Tensor x, Dims dims, int... axes) {
    long count = 1;
    for (int a : Shapes.axes(axes, x.rank())) {
      count *= x.size(a);
    }
    return MathOps.mul(sum(x, dims, axes), 1.0 / count);
  }

  /** Inclusive cumulative sum along {@code axis}; x: [..] -> [..] same shape. */
  public static Tensor cumsum(Tensor x, int axis) {
    int a = Shapes.axis(axis, x.rank());
    INDArray y = Nd4j.createUninitialized(x.dtype(), x.shape());
    Nd4j.exec(new CumSum(x.value(), y, false, false, a));
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> {
      INDArray gx = Nd4j.createUninitialized(g.dataType(), g.shape());
      Nd4j.exec(new CumSum(g, gx, false, true, a));
      xs.addFreshGrad(gx);
    }, x);
  }
}
