// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class GradNormTest {
  /** Grads [3, 4] and [12] (and one parameter without a gradient): norm sqrt(9 + 16 + 144) = 13. */
  private static List<Tensor> params() {
    Tensor a = Params.of(0, 0);
    Tensor b = Params.of(0);
    Params.setGrad(a, 3, 4);
    Params.setGrad(b, 12);
    return List.of(a, b, Params.of(5));
  }

  @Test
  void normIsOverAllGradients() {
    assertEquals(13.0, GradNorm.norm(params()), 0.0);
    assertEquals(0.0, GradNorm.norm(List.of(Params.of(1))), 0.0);
  }

  @Test
  void clipScalesByMaxOverNormPlusEpsAndReturnsThePreClipNorm() {
    List<Tensor> ps = params();
    assertEquals(13.0, GradNorm.clip(ps, 6.5), 0.0);
    double coef = 6.5 / (13.0 + 1e-6); // fairseq: max_norm / (total_norm + 1e-6)
    assertArrayEquals(new double[] {3 * coef, 4 * coef}, ps.get(0).grad().toDoubleVector(), 1e-15);
    assertArrayEquals(new double[] {12 * coef}, ps.get(1).grad().toDoubleVector(), 1e-15);
    assertEquals(6.5, GradNorm.norm(ps), 1e-6);
    assertTrue(GradNorm.clipped(13.0, 6.5));
  }

  @Test
  void noClipBelowTheMaximumOrWithMaxNormZero() {
    List<Tensor> ps = params();
    assertEquals(13.0, GradNorm.clip(ps, 100), 0.0);
    assertArrayEquals(new double[] {3, 4}, ps.get(0).grad().toDoubleVector(), 0.0);
    assertEquals(13.0, GradNorm.clip(ps, 0), 0.0);
    assertArrayEquals(new double[] {12}, ps.get(1).grad().toDoubleVector(), 0.0);
    assertFalse(GradNorm.clipped(13.0, 0));
  }

  /** As fairseq, a norm equal to the maximum is still scaled, by 13/(13+1e-6). */
  @Test
  void aNormAtTheMaximumIsScaledByTheEpsilonOnly() {
    List<Tensor> ps = params();
    GradNorm.clip(ps, 13.0);
    assertEquals(3 * (13.0 / (13.0 + 1e-6)), ps.get(0).grad().getDouble(0), 1e-15);
    assertFalse(GradNorm.clipped(13.0, 13.0));
  }

  @Test
  void normAccumulatesFloat32GradientsInFloat64() {
    Tensor p = Tensor.param(Nd4j.zeros(DataType.FLOAT, 2));
    p.addGrad(Nd4j.createFromArray(3e20f, 4e20f)); // squares overflow float32
    assertEquals(5e20, GradNorm.norm(List.of(p)), 5e20 * 1e-7);
    assertTrue(GradNorm.isFinite(List.of(p)));
  }

  @Test
  void nonFiniteGradientsAreDetected() {
    Tensor p = Params.of(0, 0);
    Params.setGrad(p, 1, Double.NaN);
    assertFalse(GradNorm.isFinite(List.of(p)));
    Params.setGrad(p, Double.POSITIVE_INFINITY, 1);
    assertFalse(GradNorm.isFinite(List.of(p)));
    assertTrue(GradNorm.isFinite(params()));
  }

  @Test
  void multiplyGradsScalesInPlace() {
    List<Tensor> ps = params();
    GradNorm.multiplyGrads(ps, 0.5);
    assertArrayEquals(new double[] {1.5, 2}, ps.get(0).grad().toDoubleVector(), 0.0);
    assertArrayEquals(new double[] {6}, ps.get(1).grad().toDoubleVector(), 0.0);
    assertFalse(ps.get(2).hasGrad());
  }
}
