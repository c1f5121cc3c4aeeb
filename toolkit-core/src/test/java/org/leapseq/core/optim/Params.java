// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** float64 parameters with hand-set gradients for the optimizer tests. */
final class Params {
  private Params() {}

  static Tensor of(double... values) {
    return Tensor.param(Nd4j.createFromArray(values.clone()));
  }

  /** Replaces the gradient of {@code p} by {@code g}. */
  static void setGrad(Tensor p, double... g) {
    p.zeroGrad();
    p.addGrad(Nd4j.createFromArray(g.clone()));
  }

  static double[] values(Tensor p) {
    return p.value().toDoubleVector();
  }

  static INDArray copy(Tensor p) {
    return p.value().dup();
  }
}
