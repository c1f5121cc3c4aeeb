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
    return Tensor.record(y, g -> x.addFreshGrad(g.mul(y)), x);
  }

  public static Tensor log(Tensor x) {
    return Tensor.record(Transforms.log(x.value(), true), g -> x.addFreshGrad(g.div(x.value())), x);
  }

  public static Tensor sin(Tensor x) {
    return Tensor.record(Transforms.sin(x.value(), true),
        g -> x.addFreshGrad(Transforms.cos(x.value(), true).muli(g)), x);
  }

  public static Tensor cos(Tensor x) {
    return Tensor.record(Transforms.cos(x.value(), true),
        g -> x.addFreshGrad(Transforms.sin(x.value(), true).muli(g).negi()), x);
  }

  public static Tensor tanh(Tensor x) {
    INDArray y = Transforms.tanh(x.value(), true);
    return Tensor.record(y, g -> x.addFreshGrad(y.mul(y).rsubi(1.0).muli(g)), x);
  }

  public static Tensor sigmoid(Tensor x) {
    INDArray y = Transforms.sigmoid(x.value(), true);
    return Tensor.record(y, g -> x.addFreshGrad(y.rsub(1.0).muli(y).muli(g)), x);
  }

  /** max(x, 0). */
  public static Tensor relu(Tensor x) {
    INDArray y = Transforms.relu(x.value(), true);
    // the gradient mask is 1 where x > 0 (ND4J's step), computed only when a backward pass needs it; a float op
    // instead of gt(0) + cast, which profiled as a large share of a layer's time
    return Tensor.record(y, g -> x.addFreshGrad(g.mul(Transforms.step(x.value(), true))), x);
  }

  /** x for x > 0, exp(x) - 1 otherwise (alpha 1). */
  public static Tensor elu(Tensor x) {
    INDArray expNeg = Transforms.exp(Transforms.min(x.value(), 0.0, true), false);
    INDArray y = Transforms.max(x.value(), 0.0, true).addi(expNeg).subi(1.0);
    INDArray mask = x.value().gt(0.0).castTo(x.dtype());
    // d/dx: 1 where x > 0, exp(x) elsewhere; expNeg is 1 where x > 0, so (1 - mask) * expNeg + mask
    INDArray dy = mask.rsub(1.0).muli(expNeg).addi(mask);
    return Tensor.record(y, g -> x.addFreshGrad(g.mul(dy)), x);
  }

  /** fairseq's exact gelu: 0.5 x (1 + erf(x / sqrt 2)). */
  public static Tensor gelu(Tensor x) {
    INDArray xv = x.value();
    INDArray cdf = Nd4j.createUninitialized(xv.dataType(), xv.shape());
    Nd4j.exec(new Erf(xv.mul(SQRT_HALF), cdf));
    cdf.addi(1.0).muli(0.5);
    INDArray y = xv.mul(cdf);
    return Tensor.record(y, g -> {
      // d/dx = cdf + x * pdf(x), pdf(x) = exp(-x^2 / 2) / sqrt(2 pi)
      INDArray pdf = Transforms.exp(xv.mul(xv).muli(-0.5), false).muli(INV_SQRT_2PI);
      x.addFreshGrad(pdf.muli(xv).addi(cdf).muli(g));
    }, x);
  }
}
