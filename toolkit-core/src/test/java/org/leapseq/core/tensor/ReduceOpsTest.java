// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leapseq.core.testing.GradCheck.rand;

import org.junit.jupiter.api.Test;
import org.leapseq.core.testing.GradCheck;
import org.leapseq.core.tensor.ReduceOps.Dims;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ReduceOpsTest {
  @Test
  void sumAndMeanOverAxesCheck() {
    GradCheck.checkProjected(t -> ReduceOps.sum(t[0], Dims.KEEP, 1), rand(1, 2, 3, 4));
    GradCheck.checkProjected(t -> ReduceOps.sum(t[0], Dims.DROP, 0, -1), rand(2, 2, 3, 4));
    GradCheck.checkProjected(t -> ReduceOps.mean(t[0], Dims.DROP, 2), rand(3, 2, 3, 4));
    GradCheck.check(t -> ReduceOps.mean(t[0]), rand(4, 3, 5));
    GradCheck.check(t -> t[0].sum(), rand(5, 4, 2));
  }

  @Test
  void sumShapes() {
    Tensor x = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 2, 3, 4));
    assertArrayEquals(new long[] {2, 1, 4}, ReduceOps.sum(x, Dims.KEEP, 1).shape());
    assertArrayEquals(new long[] {3}, ReduceOps.sum(x, Dims.DROP, 0, 2).shape());
    assertEquals(24.0, ReduceOps.sum(x).item(), 0);
    assertEquals(1.0, ReduceOps.mean(x, Dims.DROP, 1).value().getDouble(0, 0), 1e-15);
  }

  @Test
  void cumsumChecksAndMatchesPrefixSums() {
    GradCheck.checkProjected(t -> ReduceOps.cumsum(t[0], 1), rand(6, 2, 5, 3));
    GradCheck.checkProjected(t -> ReduceOps.cumsum(t[0], -1), rand(7, 3, 4));
    INDArray x = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.DOUBLE);
    INDArray y = ReduceOps.cumsum(Tensor.constant(x), 1).value();
    assertArrayEquals(new double[] {1, 3, 6, 4, 9, 15}, y.data().asDouble(), 0);
    INDArray z = ReduceOps.cumsum(Tensor.constant(x), 0).value();
    assertArrayEquals(new double[] {1, 2, 3, 5, 7, 9}, z.data().asDouble(), 0);
  }
}
