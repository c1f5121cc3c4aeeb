// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leapseq.core.testing.GradCheck.rand;

import java.lang.ref.WeakReference;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.leapseq.core.testing.GradCheck;
import org.leapseq.core.LeapseqException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorTest {
  @Test
  void noGradRecordsNothing() {
    Tensor w = Tensor.param(rand(1, 3, 3));
    try (NoGrad ng = NoGrad.enter()) {
      Tensor y = Activations.tanh(w.matmul(w)).sum();
      assertTrue(y.isLeaf());
      assertFalse(y.requiresGrad());
      assertTrue(NoGrad.active());
    }
    assertFalse(NoGrad.active());
    Tensor z = w.matmul(w).sum();
    assertFalse(z.isLeaf());
    assertTrue(z.requiresGrad());
  }

  @Test
  void gradientsAccumulateAcrossTwoBackwardCalls() {
    Tensor x = Tensor.param(rand(2, 2, 3));
    x.mul(x).sum().backward();
    x.mul(x).sum().backward();
    assertEquals(0.0, x.grad().sub(x.value().mul(4)).amaxNumber().doubleValue(), 1e-12);
    x.zeroGrad();
    x.mul(3.0).sum().backward();
    assertEquals(3.0, x.grad().getDouble(1, 2), 0);
  }

  @Test
  void backwardConsumesTheGraph() {
    Tensor x = Tensor.param(rand(2, 2, 3));
    Tensor loss = x.mul(x).sum();
    loss.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("already differentiated"), e.getMessage());
  }

  @Test
  void graphKeepsOnlyTheValuesBackwardNeeds() throws InterruptedException {
    Tensor x = Tensor.param(rand(5, 4, 3));
    Tensor w = Tensor.param(rand(6, 3, 2));
    Tensor a = x.mul(2.0);
    Tensor b = a.add(1.0);                            // neither op reads its input's value in the backward
    Tensor loss = b.matmul(w).sum();                  // matmul keeps b: w's gradient needs it
    WeakReference<INDArray> aValue = new WeakReference<>(a.value());
    WeakReference<INDArray> bValue = new WeakReference<>(b.value());
    a = null;
    b = null;
    for (int i = 0; i < 50 && aValue.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertTrue(aValue.get() == null, "2x stays reachable from the graph although no backward reads it");
    assertTrue(bValue.get() != null, "the product's backward lost its saved input");
    loss.backward();
    // d/dw sum((2x + 1) w) = (2x + 1)^T 1; d/dx = 2 (1 w^T)
    INDArray ones = Nd4j.ones(DataType.DOUBLE, 4, 2);
    assertEquals(x.value().mul(2.0).add(1.0).transpose().mmul(ones), w.grad());
    assertEquals(ones.mmul(w.value().transpose()).mul(2.0), x.grad());
  }

  @Test
  void sharedSubexpressionGetsBothContributions() {
    GradCheck.check(t -> {
      Tensor h = Activations.sigmoid(t[0]);
      return h.mul(h).add(h.mul(t[1])).sum();
    }, rand(3, 2, 3), rand(4, 2, 3));
  }

  @Test
  void longChainRunsWithoutRecursion() {
    Tensor x = Tensor.param(Nd4j.ones(DataType.DOUBLE, 1));
    Tensor y = x;
    for (int i = 0; i < 20000; i++) {
      y = y.add(1.0);
    }
    y.sum().backward();
    assertEquals(1.0, x.grad().getDouble(0), 0);
  }

  @Test
  void detachStopsGradientAndBackwardNeedsScalar() {
    Tensor x = Tensor.param(rand(5, 2, 2));
    Tensor y = x.detach().mul(x).sum();
    y.backward();
    assertEquals(0.0, x.grad().sub(x.value()).amaxNumber().doubleValue(), 1e-12);
    assertThrows(LeapseqException.class, () -> x.mul(2.0).backward());
    assertThrows(LeapseqException.class, () -> Tensor.param(rand(6, 2)).grad());
  }

  @Test
  void float32TrainingStepsLowerTheLoss() {
    SplittableRandom r = new SplittableRandom(3);
    Tensor w1 = Tensor.param(GradCheck.rand(11, 16, 8).castTo(DataType.FLOAT).muli(0.3));
    Tensor b1 = Tensor.param(Nd4j.zeros(DataType.FLOAT, 16));
    Tensor ln = Tensor.param(Nd4j.ones(DataType.FLOAT, 16));
    Tensor lb = Tensor.param(Nd4j.zeros(DataType.FLOAT, 16));
    Tensor emb = Tensor.param(GradCheck.rand(12, 10, 8).castTo(DataType.FLOAT));
    Tensor out = Tensor.param(GradCheck.rand(13, 10, 16).castTo(DataType.FLOAT).muli(0.3));
    INDArray ids = Nd4j.createFromArray(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 0}});
    INDArray next = Nd4j.createFromArray(new int[][] {{2, 3, 4, 5}, {6, 7, 8, 0}});
    CrossEntropy.Config cfg = new CrossEntropy.Config(0.1, 0, CrossEntropy.Reduction.MEAN);
    double first = 0;
    double last = 0;
    for (int step = 0; step < 30; step++) {
      Tensor h = Activations.gelu(LinalgOps.linear(Embedding.lookup(emb, ids, 0), w1, b1));
      h = NnOps.dropout(NnOps.layerNorm(h, ln, lb), 0.1, Phase.TRAIN, r);
      Tensor loss = CrossEntropy.loss(LinalgOps.linear(h, out), next, cfg).loss();
      assertEquals(DataType.FLOAT, loss.dtype());
      loss.backward();
      for (Tensor p : new Tensor[] {w1, b1, ln, lb, emb, out}) {
        p.value().subi(p.grad().mul(0.5));
        p.zeroGrad();
      }
      first = step == 0 ? loss.item() : first;
      last = loss.item();
    }
    assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
  }
}
