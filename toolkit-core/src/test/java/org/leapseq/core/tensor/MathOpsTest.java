// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leapseq.core.testing.GradCheck.rand;
import static org.leapseq.core.testing.GradCheck.uniform;

import org.junit.jupiter.api.Test;
import org.leapseq.core.testing.GradCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MathOpsTest {
  @Test
  void addBroadcastsAndChecks() {
    GradCheck.checkProjected(t -> MathOps.add(t[0], t[1]), rand(1, 2, 3, 4), rand(2, 3, 1));
    GradCheck.checkProjected(t -> MathOps.add(t[0], t[1]), rand(3, 1, 4), rand(4, 5, 1));
  }

  @Test
  void subBroadcastsAndChecks() {
    GradCheck.checkProjected(t -> MathOps.sub(t[0], t[1]), rand(5, 2, 3, 4), rand(6, 4));
  }

  @Test
  void mulBroadcastsAndChecks() {
    GradCheck.checkProjected(t -> MathOps.mul(t[0], t[1]), rand(7, 2, 1, 4), rand(8, 3, 1));
  }

  @Test
  void divBroadcastsAndChecks() {
    GradCheck.checkProjected(t -> MathOps.div(t[0], t[1]), rand(9, 3, 4), uniform(10, 0.5, 2, 4));
  }

  @Test
  void scalarOpsCheck() {
    GradCheck.checkProjected(t -> MathOps.add(MathOps.mul(t[0], -1.5), 0.25).neg(), rand(11, 3, 2));
  }

  @Test
  void broadcastValuesMatchReference() {
    INDArray a = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.DOUBLE);
    INDArray b = Nd4j.create(new double[] {10, 20, 30}, new long[] {3}, DataType.DOUBLE);
    Tensor y = MathOps.add(Tensor.constant(a), Tensor.constant(b));
    assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, y.value().data().asDouble(), 0);
    Tensor q = MathOps.div(Tensor.constant(a), Tensor.constant(b.reshape(3, 1).getRows(0, 1)));
    assertEquals(6.0 / 20, q.value().getDouble(1, 2), 1e-15);
  }

  @Test
  void keepsFloat32() {
    INDArray a = Nd4j.ones(DataType.FLOAT, 2, 3);
    assertEquals(DataType.FLOAT, MathOps.mul(Tensor.param(a), Tensor.constant(a)).dtype());
  }
  @Test
  void clampMinPassesGradientOnlyAboveTheFloor() {
    INDArray x = Nd4j.createFromArray(0.05, 0.1, 0.3, -2.0);
    Tensor t = Tensor.param(x);
    Tensor y = MathOps.clampMin(t, 0.1);
    assertArrayEquals(new double[] {0.1, 0.1, 0.3, 0.1}, y.value().toDoubleVector(), 0.0);
    y.sum().backward();
    assertArrayEquals(new double[] {0.0, 1.0, 1.0, 0.0}, t.grad().toDoubleVector(), 0.0);
    GradCheck.checkProjected(u -> MathOps.clampMin(u[0], 0.2), uniform(61, 0.3, 1.0, 3, 4));
  }
}
