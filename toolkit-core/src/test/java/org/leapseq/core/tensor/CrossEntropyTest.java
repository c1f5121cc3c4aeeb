// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leapseq.core.testing.GradCheck.rand;

import org.junit.jupiter.api.Test;
import org.leapseq.core.testing.GradCheck;
import org.leapseq.core.tensor.CrossEntropy.Config;
import org.leapseq.core.tensor.CrossEntropy.Reduction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CrossEntropyTest {
  private static final INDArray TARGETS = Nd4j.createFromArray(new int[] {2, 1, 0, 4, 1});

  @Test
  void lossChecksForEveryVariant() {
    for (Reduction r : Reduction.values()) {
      for (double eps : new double[] {0.0, 0.1}) {
        Config cfg = new Config(eps, 1, r);
        GradCheck.check(t -> CrossEntropy.loss(t[0], TARGETS, cfg).loss(), rand(1, 5, 6));
      }
    }
    Config mean = new Config(0.2, -1, Reduction.MEAN);
    GradCheck.check(t -> CrossEntropy.loss(t[0], TARGETS.reshape(1, 5), mean).loss().mul(3.0), rand(2, 1, 5, 6));
  }

  @Test
  void nllIsMinusLogSoftmaxAtTargetAndIgnoresPadding() {
    INDArray x = rand(3, 5, 6);
    INDArray lsm = NnOps.logSoftmax(Tensor.constant(x)).value();
    CrossEntropy.Result sum = CrossEntropy.loss(Tensor.constant(x), TARGETS, new Config(0, 1, Reduction.SUM));
    double ref = -(lsm.getDouble(0, 2) + lsm.getDouble(2, 0) + lsm.getDouble(3, 4));
    assertEquals(ref, sum.loss().item(), 1e-12);
    assertEquals(ref, sum.nll().item(), 1e-12);
    CrossEntropy.Result mean = CrossEntropy.loss(Tensor.constant(x), TARGETS, new Config(0, 1, Reduction.MEAN));
    assertEquals(ref / 3, mean.loss().item(), 1e-12);
  }

  @Test
  void ignoredRowsGetNoGradient() {
    Tensor x = Tensor.param(rand(4, 5, 6));
    CrossEntropy.loss(x, TARGETS, new Config(0.1, 1, Reduction.MEAN)).loss().backward();
    assertEquals(0.0, x.grad().getRow(1).amaxNumber().doubleValue(), 0);
    assertEquals(0.0, x.grad().getRow(4).amaxNumber().doubleValue(), 0);
  }

  @Test
  void labelSmoothingMatchesFairseqFormulaOnHandExample() {
    INDArray x = Nd4j.create(new double[] {1, 2, 3}, new long[] {1, 3}, DataType.DOUBLE);
    double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    double nll = lse - 3;
    double smooth = 3 * lse - 6;
    double eps = 0.1;
    CrossEntropy.Result r = CrossEntropy.loss(Tensor.constant(x), Nd4j.createFromArray(new int[] {2}),
        new Config(eps, -1, Reduction.SUM));
    assertEquals((1 - eps - eps / 2) * nll + eps / 2 * smooth, r.loss().item(), 1e-12); // V = 3: eps_i = eps / 2
    assertEquals(nll, r.nll().item(), 1e-12);
  }
}
