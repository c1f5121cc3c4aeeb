// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leapseq.core.testing.GradCheck.rand;

import org.junit.jupiter.api.Test;
import org.leapseq.core.tensor.CrossEntropy.Config;
import org.leapseq.core.tensor.CrossEntropy.Reduction;
import org.leapseq.core.testing.GradCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearCrossEntropyTest {
  private static final int N = 7;
  private static final int E = 4;
  private static final int V = 9;
  private static final int PAD = 1;
  private static final INDArray TARGETS = Nd4j.createFromArray(new int[] {2, 1, 0, 8, 1, 5, 3});

  @Test
  void equalsCrossEntropyOverLinearInValueAndGradients() {
    for (Reduction r : Reduction.values()) {
      for (double eps : new double[] {0.0, 0.1}) {
        for (int rows : new int[] {1, 3, N, 4, 100}) {
          compare(new Config(eps, PAD, r), rows);
        }
      }
    }
    compare(new Config(0.2, -1, Reduction.MEAN), 2);
  }

  private static void compare(Config cfg, int rows) {
    INDArray xv = rand(11, N, E);
    INDArray wv = rand(12, V, E);
    Tensor x1 = Tensor.param(xv.dup());
    Tensor w1 = Tensor.param(wv.dup());
    CrossEntropy.Result ref = CrossEntropy.loss(LinalgOps.linear(x1, w1), TARGETS, cfg);
    ref.loss().mul(1.7).backward();
    Tensor x2 = Tensor.param(xv.dup());
    Tensor w2 = Tensor.param(wv.dup());
    LinearCrossEntropy.Result fused = LinearCrossEntropy.loss(x2, w2, TARGETS, cfg, rows);
    fused.loss().mul(1.7).backward();
    String what = cfg + " rows " + rows;
    assertEquals(ref.loss().item(), fused.loss().item(), 1e-12, what);
    assertEquals(ref.nll().item(), fused.nll().item(), 1e-12, what);
    assertTrue(x1.grad().equalsWithEps(x2.grad(), 1e-12), what + " dx");
    assertTrue(w1.grad().equalsWithEps(w2.grad(), 1e-12), what + " dw");
    assertTrue(w2.grad().amaxNumber().doubleValue() > 1e-3, what + " dw is not trivially zero");
  }

  @Test
  void threeDimensionalFeaturesKeepTheirShape() {
    Tensor x = Tensor.param(rand(13, 1, N, E));
    Tensor w = Tensor.param(rand(14, V, E));
    LinearCrossEntropy.loss(x, w, TARGETS.reshape(1, N), new Config(0.1, PAD, Reduction.SUM)).loss().backward();
    assertEquals(3, x.grad().rank());
    assertEquals(E, x.grad().size(2));
  }

  @Test
  void gradCheckForEveryVariant() {
    for (Reduction r : Reduction.values()) {
      for (double eps : new double[] {0.0, 0.1}) {
        Config cfg = new Config(eps, PAD, r);
        GradCheck.check(t -> LinearCrossEntropy.loss(t[0], t[1], TARGETS, cfg, 3).loss(), rand(1, N, E),
            rand(2, V, E));
      }
    }
  }

  @Test
  void tiedWeightAccumulatesWithItsOtherUse() {
    Config cfg = new Config(0.1, PAD, Reduction.MEAN);
    INDArray ids = Nd4j.createFromArray(new int[] {3, 0, 7, 2, 2, 8, 5});
    INDArray wv = rand(21, V, E);
    Tensor w1 = Tensor.param(wv.dup());
    CrossEntropy.loss(LinalgOps.linear(Embedding.lookup(w1, ids, PAD).tanh(), w1), TARGETS, cfg).loss().backward();
    Tensor w2 = Tensor.param(wv.dup());
    LinearCrossEntropy.loss(Embedding.lookup(w2, ids, PAD).tanh(), w2, TARGETS, cfg, 2).loss().backward();
    assertTrue(w1.grad().equalsWithEps(w2.grad(), 1e-12));
    GradCheck.check(t -> LinearCrossEntropy.loss(Embedding.lookup(t[0], ids, PAD).tanh(), t[0], TARGETS, cfg, 2)
        .loss(), wv);
  }

  @Test
  void gradientAddsToAnExistingGradient() {
    Config cfg = new Config(0.0, PAD, Reduction.SUM);
    Tensor w = Tensor.param(rand(31, V, E));
    Tensor x = Tensor.constant(rand(32, N, E));
    LinearCrossEntropy.loss(x, w, TARGETS, cfg, 3).loss().backward();
    INDArray once = w.grad().dup();
    LinearCrossEntropy.loss(x, w, TARGETS, cfg, 3).loss().backward();
    assertTrue(once.mul(2).equalsWithEps(w.grad(), 1e-12));
  }

  @Test
  void correctCountsArgmaxHitsOnScoredRows() {
    INDArray x = rand(41, N, E);
    INDArray w = rand(42, V, E);
    long[] best = Nd4j.argMax(x.mmul(w.transpose()), 1).toLongVector();
    int[] t = TARGETS.toIntVector();
    for (int i = 0; i < N; i += 2) {
      t[i] = best[i] == PAD ? t[i] : (int) best[i]; // hits on even rows unless the argmax is the pad
    }
    t[1] = PAD;
    long expected = 0;
    for (int i = 0; i < N; i++) {
      expected += t[i] != PAD && best[i] == t[i] ? 1 : 0;
    }
    LinearCrossEntropy.Result r = LinearCrossEntropy.loss(Tensor.constant(x), Tensor.constant(w),
        Nd4j.createFromArray(t), new Config(0, PAD, Reduction.SUM), 2);
    assertTrue(expected >= 2);
    assertEquals(expected, r.correct());
  }

  @Test
  void noGradientWorkWithoutGradients() {
    Tensor w = Tensor.param(rand(51, V, E));
    try (NoGrad ng = NoGrad.enter()) {
      LinearCrossEntropy.Result r = LinearCrossEntropy.loss(Tensor.constant(rand(52, N, E)), w, TARGETS,
          new Config(0, PAD, Reduction.SUM));
      assertFalse(r.loss().requiresGrad());
    }
  }

  @Test
  void chunkRowsKeepTheBufferUnderSixteenMegabytes() {
    assertEquals(84, LinearCrossEntropy.chunkRows(49_832, DataType.FLOAT));
    assertEquals(1, LinearCrossEntropy.chunkRows(10_000_000, DataType.FLOAT));
    assertEquals(262_144, LinearCrossEntropy.chunkRows(8, DataType.DOUBLE));
  }
}
