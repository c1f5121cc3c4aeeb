// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {
  static final double[][] GRADS = {{0.5, -1.0}, {0.1, 0.2}, {-0.3, 0.4}};
  static final double[] LRS = {1e-3, 2e-3, 5e-4};

  /**
   * betas (0.9, 0.98), eps 1e-8, wd 0.01, p = [1, -2]. Step 1: m = 0.1 g, v = 0.02 g^2, stepSize = lr *
   * sqrt(0.02) / 0.1, so the Adam move is lr * g / (|g| + eps/sqrt(0.02)) ~ lr * sign(g) = 1e-3, after decay
   * p *= (1 - wd*lr) = 1 - 1e-5: p0 = 0.99999 - 0.00099999993 = 0.99899000014, p1 = -1.99998 + 0.00099999996.
   * Steps 2 and 3 follow fairseq's foreach order (m = b1*m + (1-b1)*g; v = b2*v + ((1-b2)*g)*g; p += (-wd*lr)*p;
   * p += ((-stepSize)*m)/(sqrt(v)+eps)), evaluated in float64 by the same sequence of Python float operations.
   */
  static final double[][] EXPECTED = {
    {0.9989900001414214, -1.9989800000707107},
    {0.9973567708818004, -1.9979134071063478},
    {0.9972459652821976, -1.997835843850939}
  };

  @Test
  void matchesFairseqAdamWForThreeSteps() {
    Tensor p = Params.of(1.0, -2.0);
    Tensor frozen = Params.of(3.0);
    Adam adam = new Adam(new AdamConfig("(0.9, 0.98)", 1e-8, 0.01, false), List.of(p, frozen));
    for (int s = 0; s < 3; s++) {
      Params.setGrad(p, GRADS[s]);
      adam.step(LRS[s]);
      assertArrayEquals(EXPECTED[s], Params.values(p), 1e-15, "step " + (s + 1));
    }
    assertArrayEquals(new double[] {3.0}, Params.values(frozen), 0.0);
    OptimizerState st = adam.state();
    assertEquals(3.0, st.scalars().get("0.step"));
    assertFalse(st.scalars().containsKey("1.step"));
    // after 3 steps m = [0.0195, -0.023], v = [0.006798, 0.023192] (same evaluation)
    assertArrayEquals(new double[] {0.019500000000000003, -0.022999999999999993},
        st.tensors().get("0.exp_avg").toDoubleVector(), 1e-17);
    assertArrayEquals(new double[] {0.006798000000000005, 0.023192000000000018},
        st.tensors().get("0.exp_avg_sq").toDoubleVector(), 1e-17);
  }

  /**
   * No weight decay; the third gradient is smaller, so v shrinks and AMSGrad divides by the larger past v:
   * plain Adam gives 0.9970435440379817 for p0 after step 3, AMSGrad 0.9970452982015193 (steps 1-2 agree).
   */
  @Test
  void amsgradUsesTheMaximumSecondMoment() {
    double[][] grads = {{0.5, -1.0}, {0.1, 0.2}, {0.05, 0.1}};
    double[] plain = run(false, grads);
    double[] ams = run(true, grads);
    assertArrayEquals(new double[] {0.9970435440379817, -1.9978065063999029}, plain, 1e-15);
    assertArrayEquals(new double[] {0.9970452982015193, -1.9978073593419263}, ams, 1e-15);
  }

  private static double[] run(boolean amsgrad, double[][] grads) {
    Tensor p = Params.of(1.0, -2.0);
    Adam adam = new Adam(new AdamConfig("(0.9, 0.98)", 1e-8, 0, amsgrad), List.of(p));
    for (int s = 0; s < grads.length; s++) {
      Params.setGrad(p, grads[s]);
      adam.step(LRS[s]);
    }
    return Params.values(p);
  }

  /** float32 parameters keep float32 state and land within float32 rounding of the float64 result. */
  @Test
  void float32ParametersStayFloat32() {
    Tensor p = Tensor.param(Nd4j.createFromArray(1.0f, -2.0f));
    Adam adam = new Adam(new AdamConfig("(0.9, 0.98)", 1e-8, 0.01, false), List.of(p));
    for (int s = 0; s < 3; s++) {
      p.zeroGrad();
      p.addGrad(Nd4j.createFromArray(GRADS[s]).castTo(DataType.FLOAT));
      adam.step(LRS[s]);
    }
    assertEquals(DataType.FLOAT, p.value().dataType());
    assertEquals(DataType.FLOAT, adam.state().tensors().get("0.exp_avg").dataType());
    assertArrayEquals(EXPECTED[2], p.value().toDoubleVector(), 1e-6);
  }

  @Test
  void parsesBetasTheWaysFairseqUsersWriteThem() {
    assertEquals(new AdamConfig.Betas(0.9, 0.98), AdamConfig.parseBetas("(0.9, 0.98)"));
    assertEquals(new AdamConfig.Betas(0.9, 0.98), AdamConfig.parseBetas("[0.9,0.98]"));
    assertEquals(new AdamConfig.Betas(0.9, 0.999), AdamConfig.parseBetas("0.9, 0.999"));
    assertEquals(new AdamConfig.Betas(0.0, 1e-1), AdamConfig.parseBetas("(0., 1e-1)"));
    assertThrows(LeapseqException.class, () -> AdamConfig.parseBetas("(0.9)"));
    assertThrows(LeapseqException.class, () -> AdamConfig.parseBetas("(0.9, 1.0)"));
    assertThrows(LeapseqException.class, () -> AdamConfig.parseBetas("0.9 0.98"));
    assertEquals(new AdamConfig.Betas(0.9, 0.999), AdamConfig.defaults().betas());
  }
}
