// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class InitTest {
  /** Asserts that all values lie in [-bound, bound] and the extremes come within 1% of it. */
  private static void assertFillsBound(INDArray w, double bound) {
    double max = w.maxNumber().doubleValue();
    double min = w.minNumber().doubleValue();
    assertTrue(max <= bound && min >= -bound, "values in [" + min + ", " + max + "], bound " + bound);
    assertTrue(max > bound * 0.99 && min < -bound * 0.99, "extremes " + min + ", " + max + " bound " + bound);
  }

  @Test
  void linearDefaultIsPyTorchsKaimingUniformWithBoundOneOverSqrtFanIn() {
    Linear l = new Linear(400, 300, Linear.Bias.WITH, DataType.DOUBLE, new Rng(1));
    double bound = 1 / Math.sqrt(400);
    assertFillsBound(l.weight().value(), bound);
    assertEquals(0.0, l.weight().value().meanNumber().doubleValue(), 0.002);
    assertEquals(bound * bound / 3, l.weight().value().varNumber().doubleValue(), bound * bound / 3 * 0.02);
    double maxBias = l.bias().value().amaxNumber().doubleValue();
    assertTrue(maxBias <= bound && maxBias > 0.9 * bound, "bias max " + maxBias);
  }

  @Test
  void linearDrawsWeightThenBiasFromTheStream() {
    Linear l = new Linear(3, 5, Linear.Bias.WITH, DataType.DOUBLE, new Rng(9));
    Rng r = new Rng(9);
    assertEquals(Init.linearWeight(r, DataType.DOUBLE, 5, 3), l.weight().value());
    assertEquals(Init.linearBias(r, DataType.DOUBLE, 5, 3), l.bias().value());
  }

  @Test
  void kaimingBoundFollowsTheGainFormula() {
    // relu gain sqrt(2): b = sqrt(6 / fan_in); conv shape [out, in, k] has fan_in = in * k
    INDArray w = Init.kaimingUniform(new Rng(2), DataType.DOUBLE, 0, 200, 20, 5);
    assertFillsBound(w, Math.sqrt(6.0 / 100));
  }

  @Test
  void xavierBoundUsesBothFans() {
    Linear q = Linear.xavier(64, 192, Linear.Bias.WITH, 1 / Math.sqrt(2), DataType.DOUBLE, new Rng(3));
    assertFillsBound(q.weight().value(), Math.sqrt(6.0 / (64 + 192)) / Math.sqrt(2));
    assertEquals(0.0, q.bias().value().amaxNumber().doubleValue(), 0);
    INDArray conv = Init.xavierUniform(new Rng(4), DataType.DOUBLE, 1, 50, 30, 3);
    assertFillsBound(conv, Math.sqrt(6.0 / (50 * 3 + 30 * 3)));
  }

  @Test
  void normalAndUniformStatistics() {
    INDArray n = Init.normal(new Rng(5), DataType.DOUBLE, 2.0, 0.5, 300, 300);
    assertEquals(2.0, n.meanNumber().doubleValue(), 0.005);
    assertEquals(0.5, n.stdNumber().doubleValue(), 0.005);
    INDArray u = Init.uniform(new Rng(6), DataType.DOUBLE, -1, 3, 300, 300);
    assertEquals(1.0, u.meanNumber().doubleValue(), 0.02);
    assertFillsBound(u.sub(1), 2);
    assertEquals(0.0, Init.zeros(DataType.FLOAT, 3, 2).amaxNumber().doubleValue(), 0);
    assertEquals(6.0, Init.ones(DataType.DOUBLE, 3, 2).sumNumber().doubleValue(), 0);
  }

  @Test
  void fairseqEmbeddingIsNormalWithStdDimToTheMinusHalfAndAZeroPaddingRow() {
    Embedding e = new Embedding(1000, 64, 1, DataType.DOUBLE, new Rng(7));
    INDArray w = e.weight().value();
    assertEquals(0.0, w.getRow(1).amaxNumber().doubleValue(), 0);
    assertEquals(0.125, w.getRow(0).add(0).stdNumber().doubleValue(), 0.04);
    assertEquals(0.125, w.stdNumber().doubleValue(), 0.002);
    assertEquals(0.0, w.meanNumber().doubleValue(), 0.002);
  }

  @Test
  void float32IsTheFloat64DrawRoundedAndSeedsFixTheValues() {
    INDArray d = Init.linearWeight(new Rng(8), DataType.DOUBLE, 6, 5);
    INDArray f = Init.linearWeight(new Rng(8), DataType.FLOAT, 6, 5);
    assertEquals(DataType.FLOAT, f.dataType());
    assertEquals(d.castTo(DataType.FLOAT), f);
    assertEquals(d, Init.linearWeight(new Rng(8), DataType.DOUBLE, 6, 5));
    assertTrue(d.neq(Init.linearWeight(new Rng(9), DataType.DOUBLE, 6, 5)).any());
    assertThrows(LeapseqException.class, () -> Init.zeros(DataType.INT, 2));
    assertThrows(LeapseqException.class, () -> Init.xavierUniform(new Rng(1), DataType.FLOAT, 1, 5));
  }
}
