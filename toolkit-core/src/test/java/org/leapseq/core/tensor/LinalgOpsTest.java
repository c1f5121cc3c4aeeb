// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leapseq.core.testing.GradCheck.rand;

import org.junit.jupiter.api.Test;
import org.leapseq.core.testing.GradCheck;
import org.leapseq.core.tensor.LinalgOps.Trans;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinalgOpsTest {
  @Test
  void matmulChecksForEveryTransposeCombination() {
    GradCheck.checkProjected(t -> LinalgOps.matmul(t[0], t[1]), rand(1, 3, 4), rand(2, 4, 5));
    GradCheck.checkProjected(t -> LinalgOps.matmul(t[0], Trans.T, t[1], Trans.N), rand(3, 4, 3), rand(4, 4, 5));
    GradCheck.checkProjected(t -> LinalgOps.matmul(t[0], Trans.N, t[1], Trans.T), rand(5, 3, 4), rand(6, 5, 4));
    GradCheck.checkProjected(t -> LinalgOps.matmul(t[0], Trans.T, t[1], Trans.T), rand(7, 4, 3), rand(8, 5, 4));
  }

  @Test
  void bmmChecksForEveryTransposeCombination() {
    GradCheck.checkProjected(t -> LinalgOps.bmm(t[0], Trans.N, t[1], Trans.N), rand(31, 2, 3, 4), rand(32, 2, 4, 5));
    GradCheck.checkProjected(t -> LinalgOps.bmm(t[0], Trans.T, t[1], Trans.N), rand(33, 2, 4, 3), rand(34, 2, 4, 5));
    GradCheck.checkProjected(t -> LinalgOps.bmm(t[0], Trans.N, t[1], Trans.T), rand(35, 3, 3, 4), rand(36, 3, 5, 4));
    GradCheck.checkProjected(t -> LinalgOps.bmm(t[0], Trans.T, t[1], Trans.T), rand(37, 1, 4, 3), rand(38, 1, 5, 4));
  }

  @Test
  void bmmEqualsPerGroupProductOnPermutedViews() {
    INDArray a = rand(39, 3, 2, 4).permute(1, 0, 2);
    INDArray b = rand(40, 2, 4, 5);
    Tensor y = LinalgOps.bmm(Tensor.constant(a), Trans.N, Tensor.constant(b), Trans.N);
    assertArrayEquals(new long[] {2, 3, 5}, y.shape());
    for (int g = 0; g < 2; g++) {
      INDArray ref = a.dup('c').slice(g).mmul(b.slice(g));
      assertEquals(0.0, y.value().slice(g).sub(ref).amaxNumber().doubleValue(), 1e-12);
    }
  }

  @Test
  void linearChecksOnRank2And3() {
    GradCheck.checkProjected(t -> LinalgOps.linear(t[0], t[1], t[2]), rand(9, 5, 4), rand(10, 3, 4), rand(11, 3));
    GradCheck.checkProjected(t -> LinalgOps.linear(t[0], t[1], t[2]), rand(12, 2, 3, 4), rand(13, 5, 4),
        rand(14, 5));
    GradCheck.checkProjected(t -> LinalgOps.linear(t[0], t[1]), rand(15, 2, 3, 4), rand(16, 5, 4));
  }

  @Test
  void linearMatchesReference() {
    INDArray x = rand(17, 2, 3, 4);
    INDArray w = rand(18, 5, 4);
    INDArray b = rand(19, 5);
    Tensor y = LinalgOps.linear(Tensor.constant(x), Tensor.constant(w), Tensor.constant(b));
    assertArrayEquals(new long[] {2, 3, 5}, y.shape());
    double ref = b.getDouble(2);
    for (int k = 0; k < 4; k++) {
      ref += x.getDouble(1, 2, k) * w.getDouble(2, k);
    }
    assertEquals(ref, y.value().getDouble(1, 2, 2), 1e-12);
  }

  @Test
  void weightGradientAccumulatesInPlaceAcrossBackwards() {
    INDArray x = rand(20, 6, 4);
    Tensor w = Tensor.param(rand(21, 3, 4));
    GradCheck.project(LinalgOps.linear(Tensor.constant(x), w)).backward();
    INDArray once = w.grad().dup();
    INDArray buffer = w.grad();
    GradCheck.project(LinalgOps.linear(Tensor.constant(x), w)).backward();
    assertEquals(0.0, w.grad().sub(once.mul(2)).amaxNumber().doubleValue(), 1e-12);
    assertEquals(buffer, w.grad());
    assertEquals(DataType.DOUBLE, w.grad().dataType());
    w.zeroGrad();
    assertEquals(false, w.hasGrad());
    Tensor x32 = Tensor.constant(Nd4j.ones(DataType.FLOAT, 2, 4));
    assertEquals(DataType.FLOAT, LinalgOps.linear(x32, Tensor.param(Nd4j.ones(DataType.FLOAT, 3, 4))).dtype());
  }
}
