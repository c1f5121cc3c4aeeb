// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import org.leapseq.core.tensor.Shapes.Arith;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Broadcasting arithmetic (numpy rules: trailing axes aligned, size-1 axes stretched) and scalar arithmetic.
 * Gradients are summed back over the broadcast axes to each input's shape.
 */
public final class MathOps {
  private MathOps() {}

  /** a + b, broadcast. */
  public static Tensor add(Tensor a, Tensor b) {
    long[] sa = a.shape();
    long[] sb = b.shape();
    return Tensor.record(Shapes.apply(Arith.ADD, a.value(), b.value()), g -> {
      a.addGrad(Shapes.sumTo(g, sa));
      b.addGrad(Shapes.sumTo(g, sb));
    }, a, b);
  }

  /** a - b, broadcast. */
  public static Tensor sub(Tensor a, Tensor b) {
    long[] sa = a.shape();
    long[] sb = b.shape();
    return Tensor.record(Shapes.apply(Arith.SUB, a.value(), b.value()), g -> {
      a.addGrad(Shapes.sumTo(g, sa));
      if (b.requiresGrad()) {
        b.addFreshGrad(Shapes.sumTo(g.neg(), sb));
      }
    }, a, b);
  }

  /** a * b elementwise, broadcast. */
  public static Tensor mul(Tensor a, Tensor b) {
    return Tensor.record(Shapes.apply(Arith.MUL, a.value(), b.value()), g -> {
      if (a.requiresGrad()) {
        a.addFreshGrad(Shapes.sumTo(Shapes.apply(Arith.MUL, g, b.value()), a.shape()));
      }
      if (b.requiresGrad()) {
        b.addFreshGrad(Shapes.sumTo(Shapes.apply(Arith.MUL, g, a.value()), b.shape()));
      }
    }, a, b);
  }

  /** a / b elementwise, broadcast. */
  public static Tensor div(Tensor a, Tensor b) {
    INDArray y = Shapes.apply(Arith.DIV, a.value(), b.value());
    return Tensor.record(y, g -> {
      INDArray gOverB = Shapes.apply(Arith.DIV, g, b.value());
      if (b.requiresGrad()) {
        b.addFreshGrad(Shapes.sumTo(gOverB.mul(y).negi(), b.shape()));
      }
      a.addFreshGrad(Shapes.sumTo(gOverB, a.shape()));
    }, a, b);
  }

  /** x * s. */
  public static Tensor mul(Tensor x, double s) {
    return Tensor.record(x.value().mul(s), g -> x.addFreshGrad(g.mul(s)), x);
  }

  /** x + s. */
  public static Tensor add(Tensor x, double s) {
    return Tensor.record(x.value().add(s), x::addGrad, x);
  }

  /** -x. */
  public static Tensor neg(Tensor x) {
    return Tensor.record(x.value().neg(), g -> x.addFreshGrad(g.neg()), x);
  }

  /**
   * max(x, floor) as PyTorch's {@code clamp_min}: the gradient flows where {@code x >= floor} (ties included) and
   * is 0 where the floor was used.
   */
  public static Tensor clampMin(Tensor x, double floor) {
    INDArray pass = x.value().gte(floor).castTo(x.dtype());
    INDArray y = x.value().mul(pass).addi(pass.rsub(1.0).muli(floor));
    return Tensor.record(y, g -> x.addFreshGrad(g.mul(pass)), x);
  }
}
