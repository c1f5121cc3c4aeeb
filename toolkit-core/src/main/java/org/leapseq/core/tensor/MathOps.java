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
    Tensor.Slot as = a.slot();
    Tensor.Slot bs = b.slot();
    return Tensor.record(Shapes.apply(Arith.ADD, a.value(), b.value()), g -> {
      as.addGrad(Shapes.sumTo(g, sa));
      bs.addGrad(Shapes.sumTo(g, sb));
    }, a, b);
  }

  /** a - b, broadcast. */
  public static Tensor sub(Tensor a, Tensor b) {
    long[] sa = a.shape();
    long[] sb = b.shape();
    Tensor.Slot as = a.slot();
    Tensor.Slot bs = b.slot();
    return Tensor.record(Shapes.apply(Arith.SUB, a.value(), b.value()), g -> {
      as.addGrad(Shapes.sumTo(g, sa));
      if (bs.requiresGrad()) {
        bs.addFreshGrad(Shapes.sumTo(g.neg(), sb));
      }
    }, a, b);
  }

  /** a * b elementwise, broadcast. */
  public static Tensor mul(Tensor a, Tensor b) {
    INDArray av = a.value();
    INDArray bv = b.value();
    long[] sa = a.shape();
    long[] sb = b.shape();
    Tensor.Slot as = a.slot();
    Tensor.Slot bs = b.slot();
    // each factor is kept only when the other one needs a gradient
    INDArray keepA = bs.requiresGrad() ? av : null;
    INDArray keepB = as.requiresGrad() ? bv : null;
    return Tensor.record(Shapes.apply(Arith.MUL, av, bv), g -> {
      if (as.requiresGrad()) {
        as.addFreshGrad(Shapes.sumTo(Shapes.apply(Arith.MUL, g, keepB), sa));
      }
      if (bs.requiresGrad()) {
        bs.addFreshGrad(Shapes.sumTo(Shapes.apply(Arith.MUL, g, keepA), sb));
      }
    }, a, b);
  }

  /** a / b elementwise, broadcast. */
  public static Tensor div(Tensor a, Tensor b) {
    INDArray bv = b.value();
    INDArray y = Shapes.apply(Arith.DIV, a.value(), bv);
    long[] sa = a.shape();
    long[] sb = b.shape();
    Tensor.Slot as = a.slot();
    Tensor.Slot bs = b.slot();
    return Tensor.record(y, g -> {
      INDArray gOverB = Shapes.apply(Arith.DIV, g, bv);
      if (bs.requiresGrad()) {
        bs.addFreshGrad(Shapes.sumTo(gOverB.mul(y).negi(), sb));
      }
      as.addFreshGrad(Shapes.sumTo(gOverB, sa));
    }, a, b);
  }

  /** x * s. */
  public static Tensor mul(Tensor x, double s) {
    Tensor.Slot xs = x.slot();
    return Tensor.record(x.value().mul(s), g -> xs.addFreshGrad(g.mul(s)), x);
  }

  /** x + s. */
  public static Tensor add(Tensor x, double s) {
    Tensor.Slot xs = x.slot();
    return Tensor.record(x.value().add(s), xs::addGrad, x);
  }

  /** -x. */
  public static Tensor neg(Tensor x) {
    Tensor.Slot xs = x.slot();
    return Tensor.record(x.value().neg(), g -> xs.addFreshGrad(g.neg()), x);
  }

  /**
   * max(x, floor) as PyTorch's {@code clamp_min}: the gradient flows where {@code x >= floor} (ties included) and
   * is 0 where the floor was used.
   */
  public static Tensor clampMin(Tensor x, double floor) {
    INDArray pass = x.value().gte(floor).castTo(x.dtype());
    INDArray y = x.value().mul(pass).addi(pass.rsub(1.0).muli(floor));
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> xs.addFreshGrad(g.mul(pass)), x);
  }
}
