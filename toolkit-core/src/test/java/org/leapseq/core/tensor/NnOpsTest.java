// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.leapseq.core.testing.GradCheck.rand;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.leapseq.core.testing.GradCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NnOpsTest {
  @Test
  void softmaxChecksAndRowsSumToOne() {
    GradCheck.checkProjected(t -> NnOps.softmax(t[0]), rand(1, 2, 3, 5));
    INDArray y = NnOps.softmax(Tensor.constant(rand(2, 4, 6).mul(10))).value();
    INDArray sums = y.sum(1);
    for (int i = 0; i < 4; i++) {
      assertEquals(1.0, sums.getDouble(i), 1e-12);
    }
  }

  @Test
  void logSoftmaxChecksAndMatchesLogOfSoftmax() {
    GradCheck.checkProjected(t -> NnOps.logSoftmax(t[0]), rand(3, 3, 2, 4));
    Tensor x = Tensor.constant(rand(4, 3, 5));
    INDArray diff = NnOps.logSoftmax(x).value().sub(Activations.log(NnOps.softmax(x)).value());
    assertEquals(0.0, diff.amaxNumber().doubleValue(), 1e-12);
  }

  @Test
  void layerNormChecksAndNormalises() {
    GradCheck.checkProjected(t -> NnOps.layerNorm(t[0], t[1], t[2]), rand(5, 2, 3, 6), rand(6, 6), rand(7, 6));
    Tensor ones = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 6));
    Tensor zeros = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 6));
    INDArray y = NnOps.layerNorm(Tensor.constant(rand(8, 4, 6).mul(3).add(1)), ones, zeros).value();
    for (int i = 0; i < 4; i++) {
      INDArray row = y.getRow(i);
      assertEquals(0.0, row.meanNumber().doubleValue(), 1e-12);
      assertEquals(1.0, row.mul(row).meanNumber().doubleValue(), 1e-3);
    }
  }

  @Test
  void dropoutChecksWithAFixedMask() {
    GradCheck.checkProjected(t -> NnOps.dropout(t[0], 0.3, Phase.TRAIN, new SplittableRandom(9)), rand(9, 3, 4));
  }

  @Test
  void dropoutIsReproducibleFromTheSeedAndScales() {
    Tensor x = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 50, 40));
    INDArray a = NnOps.dropout(x, 0.25, Phase.TRAIN, new SplittableRandom(42)).value();
    INDArray b = NnOps.dropout(x, 0.25, Phase.TRAIN, new SplittableRandom(42)).value();
    INDArray c = NnOps.dropout(x, 0.25, Phase.TRAIN, new SplittableRandom(43)).value();
    assertEquals(a, b);
    assertNotEquals(a, c);
    double kept = a.gt(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    assertEquals(0.75, kept, 0.05);
    assertEquals(1.0 / 0.75, a.maxNumber().doubleValue(), 1e-12);
  }

  @Test
  void dropoutMaskDrawsOneUniformPerElementInRowMajorOrder() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
      SplittableRandom draws = new SplittableRandom(5);
      double[] expected = new double[3 * 5 * 7];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = draws.nextDouble() < 0.3 ? 0.0 : 1.0 / 0.7;
      }
      INDArray mask = NnOps.dropoutMask(new long[] {3, 5, 7}, type, 0.3, new SplittableRandom(5));
      assertEquals(type, mask.dataType());
      assertEquals(Nd4j.create(expected, new long[] {3, 5, 7}, type), mask, type.toString());
    }
  }

  @Test
  void dropoutIsIdentityInEvalOrAtZero() {
    Tensor x = Tensor.param(rand(10, 2, 3));
    assertSame(x, NnOps.dropout(x, 0.5, Phase.EVAL, new SplittableRandom(1)));
    assertSame(x, NnOps.dropout(x, 0.0, Phase.TRAIN, new SplittableRandom(1)));
    assertEquals(DataType.FLOAT, NnOps.dropout(Tensor.constant(Nd4j.ones(DataType.FLOAT, 3)), 0.5, Phase.TRAIN,
        new SplittableRandom(1)).dtype());
  }
}
