// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leapseq.core.tensor.GradCheck.rand;

import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.nd4j.linalg.api.buffer.DataType;
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
}
