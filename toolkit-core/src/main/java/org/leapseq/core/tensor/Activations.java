// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Elementwise functions; each output has its input's shape and dtype. */
public final class Activations {
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

  private Activations() {}

  public static Tensor exp(Tensor x) {
    INDArray y = Transforms.exp(x.value(), true);
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> xs.addFreshGrad(g.mul(y)), x);
  }

  public static Tensor log(Tensor x) {
    INDArray xv = x.value();
    Tensor.Slot xs = x.slot();
    return Tensor.record(Transforms.log(xv, true), g -> xs.addFreshGrad(g.div(xv)), x);
  }

  public static Tensor sin(Tensor x) {
    INDArray xv = x.value();
    Tensor.Slot xs = x.slot();
    return Tensor.record(Transforms.sin(xv, true), g -> xs.addFreshGrad(Transforms.cos(xv, true).muli(g)), x);
  }

  public static Tensor cos(Tensor x) {
    INDArray xv = x.value();
    Tensor.Slot xs = x.slot();
    return Tensor.record(Transforms.cos(xv, true), g -> xs.addFreshGrad(Transforms.sin(xv, true).muli(g).negi()), x);
  }

  public static Tensor tanh(Tensor x) {
    INDArray y = Transforms.tanh(x.value(), true);
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> xs.addFreshGrad(y.mul(y).rsubi(1.0).muli(g)), x);
  }

  public static Tensor sigmoid(Tensor x) {
    INDArray y = Transforms.sigmoid(x.value(), true);
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> xs.addFreshGrad(y.rsub(1.0).muli(y).muli(g)), x);
  }

  /** max(x, 0). */
  public static Tensor relu(Tensor x) {
    INDArray y = Transforms.relu(x.value(), true);
    // the gradient mask is 1 where y > 0, i.e. where x > 0 (ND4J's step), computed only when a backward pass needs
    // it, from the output: the consumer keeps y anyway, so x itself is not held for the backward pass (a float op
    // instead of gt(0) + cast, which profiled as a large share of a layer's time)
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> xs.addFreshGrad(g.mul(Transforms.step(y, true))), x);
  }

  /** x for x > 0, exp(x) - 1 otherwise (alpha 1). */
  public static Tensor elu(Tensor x) {
    INDArray expNeg = Transforms.exp(Transforms.min(x.value(), 0.0, true), false);
    INDArray y = Transforms.max(x.value(), 0.0, true).addi(expNeg).subi(1.0);
    INDArray mask = x.value().gt(0.0).castTo(x.dtype());
    // d/dx: 1 where x > 0, exp(x) elsewhere; expNeg is 1 where x > 0, so (1 - mask) * expNeg + mask
    INDArray dy = mask.rsub(1.0).muli(expNeg).addi(mask);
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> xs.addFreshGrad(g.mul(dy)), x);
  }

  /** fairseq's exact gelu: 0.5 x (1 + erf(x / sqrt 2)). */
  public static Tensor gelu(Tensor x) {
    INDArray xv = x.value();
    INDArray cdf = Nd4j.createUninitialized(xv.dataType(), xv.shape());
    Nd4j.exec(new Erf(xv.mul(SQRT_HALF), cdf));
    cdf.addi(1.0).muli(0.5);
    INDArray y = xv.mul(cdf);
    Tensor.Slot xs = x.slot();
    return Tensor.record(y, g -> {
      // d/dx = cdf + x * pdf(x), pdf(x) = exp(-x^2 / 2) / sqrt(2 pi)
      INDArray pdf = Transforms.exp(xv.mul(xv).muli(-0.5), false).muli(INV_SQRT_2PI);
      xs.addFreshGrad(pdf.muli(xv).addi(cdf).muli(g));
    }, x);
  }
}
