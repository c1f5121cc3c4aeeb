// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixedLrScheduleTest {
  private static final double TOL = 1e-16;

  /**
   * --lr 1.0,0.5,0.25 --force-anneal 5 --lr-shrink 0.1: epochs 1..4 read lr[min(e-1, 2)] = 1, 0.5, 0.25, 0.25;
   * from epoch 5 on lr[-1]*0.1^(e+1-5): 0.025, then 0.0025.
   */
  @Test
  void perEpochRatesThenForcedAnnealing() {
    FixedLrSchedule s = new FixedLrSchedule(new FixedLrConfig(5, 0.1, 0, List.of(1.0, 0.5, 0.25)));
    double[] expected = {1.0, 0.5, 0.25, 0.25, 0.025, 0.0025000000000000005};
    for (int e = 1; e <= expected.length; e++) {
      assertEquals(expected[e - 1], s.stepBeginEpoch(e), TOL, "epoch " + e);
      assertEquals(expected[e - 1], s.stepUpdate(1000), TOL, "epoch " + e + " update");
    }
  }

  /** --warmup-updates 4: after update n < 4 the factor is (n+1)/4, so 0.25, 0.5, ... and the full rate from n = 3. */
  @Test
  void warmupScalesTheRateUntilWarmupUpdates() {
    FixedLrSchedule s = new FixedLrSchedule(new FixedLrConfig(null, 0.1, 4, List.of(2.0)));
    assertEquals(0.25 * 2.0, s.stepUpdate(0), TOL);
    assertEquals(0.25 * 2.0, s.stepBeginEpoch(1), TOL);
    assertEquals(0.5 * 2.0, s.stepUpdate(1), TOL);
    assertEquals(2.0, s.stepUpdate(3), TOL);
    assertEquals(2.0, s.stepUpdate(4), TOL);
    assertEquals(2.0, s.stepBeginEpoch(2), TOL);
  }

  /**
   * After warmup (factor 1) and the forced annealing of epoch 3 (2.0 * 0.5^2 = 0.5), the state restores the rate at
   * the next epoch start; fairseq's own state ({@code lr} only) leaves the factor at its initial 1/W, so the resumed
   * epoch starts at 0.5/4, as a resumed fairseq run does until its next update.
   */
  @Test
  void stateKeepsTheBaseRateWarmupFactorAndBest() {
    FixedLrConfig cfg = new FixedLrConfig(2, 0.5, 4, List.of(2.0));
    FixedLrSchedule s = new FixedLrSchedule(cfg);
    for (int n = 0; n < 4; n++) {
      s.stepUpdate(n);
    }
    assertEquals(0.5, s.stepBeginEpoch(3), TOL);
    s.stepEpoch(3, 4.0);
    s.stepEpoch(4, 5.0);
    Map<String, Object> state = s.state();
    assertEquals(Map.of("best", 4.0, "lr", 0.5, "warmup_factor", 1.0), state);
    FixedLrSchedule resumed = new FixedLrSchedule(cfg);
    resumed.loadState(state);
    assertEquals(0.5, resumed.stepBeginEpoch(3), TOL);
    assertEquals(4.0, resumed.best());
    FixedLrSchedule fromFairseq = new FixedLrSchedule(cfg);
    fromFairseq.loadState(Map.of("lr", 0.5));
    assertEquals(0.5 / 4, fromFairseq.stepBeginEpoch(3), TOL);
    assertEquals(0.5, fromFairseq.stepUpdate(100), TOL);
  }
}
