// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leapseq.core.testing.GradCheck.rand;
import static org.leapseq.core.testing.GradCheck.uniform;

import org.junit.jupiter.api.Test;
import org.leapseq.core.testing.GradCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActivationsTest {
  @Test
  void expLogSinCosCheck() {
    GradCheck.checkProjected(t -> Activations.exp(t[0]), rand(1, 3, 4));
    GradCheck.checkProjected(t -> Activations.log(t[0]), uniform(2, 0.2, 3, 4, 3));
    GradCheck.checkProjected(t -> Activations.sin(t[0]), rand(3, 2, 5));
    GradCheck.checkProjected(t -> Activations.cos(t[0]), rand(4, 5, 2));
  }

  @Test
  void tanhSigmoidCheck() {
    GradCheck.checkProjected(t -> Activations.tanh(t[0]), rand(5, 3, 4));
    GradCheck.checkProjected(t -> Activations.sigmoid(t[0]), rand(6, 4, 3));
  }

  @Test
  void reluChecksAwayFromZero() {
    INDArray away = rand(7, 4, 5);
    for (long i = 0; i < away.length(); i++) {
      double v = away.getDouble(i);
      away.putScalar(i, Math.abs(v) < 0.1 ? v + Math.signum(v + 1e-9) * 0.2 : v);
    }
    GradCheck.checkProjected(t -> Activations.relu(t[0]), away);
    GradCheck.checkProjected(t -> Activations.elu(t[0]), away);
  }

  @Test
  void geluChecksAndMatchesErfForm() {
    GradCheck.checkProjected(t -> Activations.gelu(t[0]), rand(8, 3, 5));
    INDArray x = Nd4j.create(new double[] {-1.5, 0, 0.7}, new long[] {3}, DataType.DOUBLE);
    INDArray y = Activations.gelu(Tensor.constant(x)).value();
    // 0.5 x (1 + erf(x / sqrt 2)) with erf values from a table; libnd4j's erf is good to about 1e-8
    assertEquals(0.5 * -1.5 * (1 - 0.8663855974622838), y.getDouble(0), 2e-8);
    assertEquals(0.0, y.getDouble(1), 0);
    assertEquals(0.5 * 0.7 * (1 + 0.5160726821554049), y.getDouble(2), 2e-8);
  }

  @Test
  void eluValues() {
    INDArray x = Nd4j.create(new double[] {-1, 2}, new long[] {2}, DataType.DOUBLE);
    INDArray y = Activations.elu(Tensor.constant(x)).value();
    assertEquals(Math.exp(-1) - 1, y.getDouble(0), 1e-15);
    assertEquals(2.0, y.getDouble(1), 0);
  }
}
