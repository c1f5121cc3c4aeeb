// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;

class InverseSqrtScheduleTest {
  private static final double TOL = 1e-18; // about 10 ulp at 5e-4

  /**
   * lr 5e-4, W 4000, init 1e-7: step = (5e-4 - 1e-7)/4000 = 1.249975e-7; n < W: 1e-7 + n*step; n >= W:
   * 5e-4*sqrt(4000)/sqrt(n), so exactly the peak at W (fairseq's pow gives 0.0004999999999999999) and half of it at
   * 4W = 16000.
   */
  @Test
  void warmsUpLinearlyThenDecaysWithTheInverseSquareRoot() {
    InverseSqrtSchedule s = new InverseSqrtSchedule(new InverseSqrtConfig(4000, 1e-7, List.of(5e-4)));
    assertEquals(1e-7, s.lr(), 0.0);
    assertEquals(1e-7, s.stepUpdate(0), TOL);
    assertEquals(2.2497500000000001e-07, s.stepUpdate(1), TOL);
    assertEquals(0.00025005000000000003, s.stepUpdate(2000), TOL);
    assertEquals(0.000499875025, s.stepUpdate(3999), TOL);
    assertEquals(5e-4, s.stepUpdate(4000), TOL);
    assertEquals(0.0004999375117163091, s.stepUpdate(4001), TOL);
    assertEquals(0.00024999999999999995, s.stepUpdate(16000), TOL);
    assertEquals(0.00024999999999999995, s.lr(), TOL);
    assertEquals(s.lr(), s.stepEpoch(1, 3.0), 0.0);
    assertEquals(3.0, s.best());
  }

  @Test
  void defaultInitIsZeroWithWarmup() {
    InverseSqrtSchedule s = new InverseSqrtSchedule(new InverseSqrtConfig(4000, -1, List.of(5e-4)));
    assertEquals(0.0, s.stepUpdate(0), 0.0);
    assertEquals(2.5e-4, s.stepUpdate(2000), TOL);
  }

  @Test
  void rejectsZeroWarmupAndAListOfRates() {
    assertThrows(LeapseqException.class, () -> new InverseSqrtConfig(0, -1, List.of(5e-4)));
    LeapseqException e =
        assertThrows(LeapseqException.class, () -> new InverseSqrtConfig(10, -1, List.of(5e-4, 1e-4)));
    assertEquals("Cannot use a fixed learning rate schedule with inverse_sqrt. Consider --lr-scheduler=fixed "
        + "instead. ([5.0E-4, 1.0E-4])", e.getMessage());
  }
}
