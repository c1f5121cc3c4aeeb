// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;

class CosineLrScheduleTest {
  private static final double TOL = 1e-15;

  /**
   * t_mult 1: max 1, min 1e-4, W 100 from min_lr (init default), period 1000, shrink 0.5. Warmup:
   * 1e-4 + n*(1-1e-4)/100. Cycle 0 (n in [100, 1100)): c = n-100, lr = 1e-4 + 0.5*(1-1e-4)*(1+cos(pi*c/1000)), so
   * 0.50005 halfway; cycle 1 starts at n = 1100 with everything shrunk by 0.5: 0.5, then 0.250025 halfway.
   */
  @Test
  void periodsOfEqualLengthShrinkEachCycle() {
    CosineLrSchedule s = new CosineLrSchedule(new CosineLrConfig(100, -1, List.of(1.0), 1e-4, 1, 1000, 0.5, 0));
    assertEquals(1e-4, s.lr(), 0.0);
    assertEquals(1e-4, s.stepUpdate(0), TOL);
    assertEquals(0.5000500000000001, s.stepUpdate(50), TOL);
    assertEquals(0.9900010000000001, s.stepUpdate(99), TOL);
    assertEquals(1.0, s.stepUpdate(100), TOL);
    assertEquals(0.50005, s.stepUpdate(600), TOL);
    assertEquals(0.00010246715233098636, s.stepUpdate(1099), TOL);
    assertEquals(0.5, s.stepUpdate(1100), TOL);
    assertEquals(0.250025, s.stepUpdate(1600), TOL);
  }

  /**
   * t_mult 2: max 1, min 0, no warmup, period 100, shrink 0.75. Cycle i spans t_mult^i*100 updates starting at
   * (2^i - 1)*100: [0, 100), [100, 300), [300, 700), [700, 1500). Cycle 1 peaks at 0.75 (n = 100) and is at half,
   * 0.375, in its middle (n = 200); cycle 2 starts at 0.5625, cycle 3 at 0.421875.
   */
  @Test
  void periodsGrowWithTMult() {
    CosineLrSchedule s = new CosineLrSchedule(new CosineLrConfig(0, -1, List.of(1.0), 0, 2, 100, 0.75, 0));
    assertEquals(1.0, s.stepUpdate(0), TOL);
    assertEquals(0.5, s.stepUpdate(50), TOL);
    assertEquals(0.0002467198171342, s.stepUpdate(99), TOL);
    assertEquals(0.75, s.stepUpdate(100), TOL);
    assertEquals(0.375, s.stepUpdate(200), TOL);
    assertEquals(4.626281937727961e-05, s.stepUpdate(299), TOL);
    assertEquals(0.5625, s.stepUpdate(300), TOL);
    assertEquals(0.421875, s.stepUpdate(700), TOL);
  }

  /** The LeaPformer LM recipe: --lr 1.0 --t-mult 2 --lr-period-updates 270000 --lr-shrink 0.75 W 8000 from 1e-7. */
  @Test
  void leapformerLanguageModelRecipe() {
    CosineLrSchedule s =
        new CosineLrSchedule(new CosineLrConfig(8000, 1e-7, List.of(1.0), 1e-4, 2, 270000, 0.75, 0));
    assertEquals(1e-7, s.stepUpdate(0), TOL);
    assertEquals(0.5000000499999999, s.stepUpdate(4000), TOL);
    assertEquals(1.0, s.stepUpdate(8000), TOL);
    assertEquals(0.50005, s.stepUpdate(143000), TOL);
    assertEquals(0.75, s.stepUpdate(278000), TOL);
    assertEquals(0.5625, s.stepUpdate(818000), TOL);
  }

  /** Without --lr-period-updates the period is max_update - warmup_updates: 1000 - 100 here. */
  @Test
  void periodDefaultsToMaxUpdateMinusWarmup() {
    CosineLrSchedule s = new CosineLrSchedule(new CosineLrConfig(100, 0, List.of(1.0), 0, 1, -1, 0.1, 1000));
    assertEquals(0.5, s.stepUpdate(100 + 450), TOL);
    assertEquals(0.1, s.stepUpdate(1000), TOL);
    assertThrows(LeapseqException.class, () -> new CosineLrSchedule(CosineLrConfig.defaults()));
    assertThrows(LeapseqException.class, () -> new CosineLrConfig(0, -1, List.of(1e-4), 1e-4, 1, 10, 0.1, 0));
  }
}
