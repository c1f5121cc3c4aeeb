// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leapseq.core.testing.GradCheck.rand;

import org.junit.jupiter.api.Test;
import org.leapseq.core.testing.GradCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ShapeOpsTest {
  @Test
  void reshapeAndPermuteCheck() {
    GradCheck.checkProjected(t -> t[0].reshape(3, 8), rand(1, 2, 3, 4));
    GradCheck.checkProjected(t -> t[0].permute(2, 0, 1), rand(2, 2, 3, 4));
    GradCheck.checkProjected(t -> t[0].permute(1, 0).reshape(-1), rand(3, 3, 5));
  }

  @Test
  void narrowChecksAndSelects() {
    GradCheck.checkProjected(t -> ShapeOps.narrow(t[0], 1, 1, 2), rand(4, 2, 4, 3));
    GradCheck.checkProjected(t -> MathOps.add(ShapeOps.narrow(t[0], -1, 0, 2), ShapeOps.narrow(t[0], -1, 1, 2)),
        rand(5, 3, 3));
    INDArray x = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.DOUBLE);
    assertArrayEquals(new double[] {2, 3, 5, 6},
        ShapeOps.narrow(Tensor.constant(x), 1, 1, 2).value().dup('c').data().asDouble(), 0);
  }

  @Test
  void concatChecksAndJoins() {
    GradCheck.checkProjected(t -> ShapeOps.concat(1, t[0], t[1], t[0]), rand(6, 2, 3, 2), rand(7, 2, 1, 2));
    Tensor a = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 2, 3));
    Tensor b = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 1, 3));
    Tensor c = ShapeOps.concat(0, a, b);
    assertArrayEquals(new long[] {3, 3}, c.shape());
    assertEquals(6.0, c.sum().item(), 0);
  }

  @Test
  void padChecksAndFills() {
    GradCheck.checkProjected(t -> ShapeOps.pad(t[0], 1, 2, 1, 0.5), rand(8, 2, 3, 2));
    Tensor x = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 1, 2));
    INDArray y = ShapeOps.pad(x, -1, 1, 2, -3).value();
    assertArrayEquals(new double[] {-3, 1, 1, -3, -3}, y.data().asDouble(), 0);
  }
}
