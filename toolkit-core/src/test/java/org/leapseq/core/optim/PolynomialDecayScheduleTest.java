// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolynomialDecayScheduleTest {
  private static final double TOL = 1e-17;

  /**
   * lr 1e-3, W 100, end 1e-5, power 2, T 1100: n/100*1e-3 for n <= 100; then (1e-3-1e-5)*(1-(n-100)/1000)^2 + 1e-5:
   * 0.75^2 -> 0.000566875 at 350, 0.5^2 -> 0.0002575 at 600; 1e-5 from T on.
   */
  @Test
  void warmupThenPolynomialDecayToTheEndRate() {
    PolynomialDecaySchedule s =
        new PolynomialDecaySchedule(new PolynomialDecayConfig(100, null, 1e-5, 0, 2.0, 1100, List.of(1e-3)));
    assertEquals(1e-5, s.lr(), TOL); // fairseq starts at lr/W
    assertEquals(0.0, s.stepUpdate(0), 0.0);
    assertEquals(5e-4, s.stepUpdate(50), TOL);
    assertEquals(1e-3, s.stepUpdate(100), TOL);
    assertEquals(0.000566875, s.stepUpdate(350), TOL);
    assertEquals(0.0002575, s.stepUpdate(600), TOL);
    assertEquals(1.000099e-05, s.stepUpdate(1099), TOL);
    assertEquals(1e-5, s.stepUpdate(1100), 0.0);
    assertEquals(1e-5, s.stepUpdate(2000), 0.0);
  }

  /** fairseq sets lr_base * warmup_factor at each epoch start; mid-warmup that is the rate of the last update. */
  @Test
  void epochStartReappliesTheWarmupFactorAndStateRestoresIt() {
    PolynomialDecayConfig cfg = new PolynomialDecayConfig(100, null, 0, 0, 1.0, 1100, List.of(1e-3));
    PolynomialDecaySchedule s = new PolynomialDecaySchedule(cfg);
    s.stepUpdate(40);
    assertEquals(4e-4, s.stepBeginEpoch(2), TOL);
    Map<String, Object> state = s.state();
    PolynomialDecaySchedule resumed = new PolynomialDecaySchedule(cfg);
    resumed.loadState(state);
    assertEquals(4e-4, resumed.stepBeginEpoch(3), TOL);
  }

  @Test
  void zeroRateStepsComeBeforeWarmup() {
    PolynomialDecaySchedule s =
        new PolynomialDecaySchedule(new PolynomialDecayConfig(100, null, 0, 10, 1.0, 1110, List.of(1e-3)));
    assertEquals(0.0, s.stepUpdate(10), 0.0);
    assertEquals(5e-4, s.stepUpdate(60), TOL);
    assertEquals(5e-4, s.stepUpdate(610), TOL);
  }
}
