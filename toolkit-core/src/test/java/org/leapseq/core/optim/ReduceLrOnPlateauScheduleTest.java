// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leapseq.core.Configs;

class ReduceLrOnPlateauScheduleTest {
  private static ReduceLrOnPlateauConfig cfg(int patience, int warmup, boolean maximize) {
    return new ReduceLrOnPlateauConfig(0.5, 1e-4, patience, warmup, -1, List.of(1.0), maximize);
  }

  /**
   * patience 1, shrink 0.5, threshold 1e-4 relative: 10 sets best; 9.9995 is not below 10*(1-1e-4) = 9.999 (bad 1);
   * 9.9989 is (best, bad 0); then 10, 10 make 2 bad epochs > 1: rate 0.5 and the count restarts; two more: 0.25.
   */
  @Test
  void shrinksAfterMoreThanPatienceEpochsWithoutRelativeImprovement() {
    ReduceLrOnPlateauSchedule s = new ReduceLrOnPlateauSchedule(cfg(1, 0, false));
    assertEquals(1.0, s.lr(), 0.0);
    assertNull(s.best());
    double[] losses = {10, 9.9995, 9.9989, 10, 10, 10, 10};
    double[] rates = {1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.25};
    long[] bad = {0, 1, 0, 1, 0, 1, 0};
    for (int e = 0; e < losses.length; e++) {
      assertEquals(rates[e], s.stepEpoch(e + 1, losses[e]), 0.0, "epoch " + (e + 1));
      assertEquals(bad[e], s.numBadEpochs(), "epoch " + (e + 1));
    }
    assertEquals(9.9989, s.best());
  }

  @Test
  void maximizingMetricsImproveUpwards() {
    ReduceLrOnPlateauSchedule s = new ReduceLrOnPlateauSchedule(cfg(0, 0, true));
    assertEquals(1.0, s.stepEpoch(1, 20.0), 0.0);
    assertEquals(1.0, s.stepEpoch(2, 25.0), 0.0);
    assertEquals(0.5, s.stepEpoch(3, 25.001), 0.0); // not above 25*(1+1e-4) = 25.0025
    assertEquals(25.0, s.best());
  }

  /** During warmup (init default 0, W 10) losses are ignored; the rate is n/10 up to n = 10. */
  @Test
  void warmupIgnoresLossesUntilItEnds() {
    ReduceLrOnPlateauSchedule s = new ReduceLrOnPlateauSchedule(cfg(0, 10, false));
    assertEquals(0.0, s.lr(), 0.0);
    assertEquals(0.5, s.stepUpdate(5), 1e-16);
    assertEquals(0.5, s.stepEpoch(1, 3.0), 1e-16);
    assertNull(s.best());
    assertEquals(1.0, s.stepUpdate(10), 1e-16);
    assertEquals(1.0, s.stepUpdate(11), 1e-16);
    assertEquals(1.0, s.stepEpoch(2, 3.0), 1e-16);
    assertEquals(0.5, s.stepEpoch(3, 3.0), 1e-16);
  }

  /** PyTorch skips a reduction that changes the rate by 1e-8 or less. */
  @Test
  void tinyReductionsAreSkipped() {
    ReduceLrOnPlateauSchedule s = new ReduceLrOnPlateauSchedule(
        new ReduceLrOnPlateauConfig(0.1, 1e-4, 0, 0, -1, List.of(1.5e-8), false));
    s.stepEpoch(1, 1.0);
    assertEquals(1.5e-9, s.stepEpoch(2, 1.0), 1e-24);
    assertEquals(1.5e-9, s.stepEpoch(3, 1.0), 0.0);
  }

  @Test
  void stateSurvivesJsonAndResumesExactly() throws Exception {
    ReduceLrOnPlateauSchedule s = new ReduceLrOnPlateauSchedule(cfg(2, 0, false));
    for (double loss : new double[] {5, 4, 4, 4}) {
      s.stepEpoch(0, loss);
    }
    String json = Configs.json().writeValueAsString(s.state());
    Map<String, Object> back = Configs.json().readValue(json, new TypeReference<Map<String, Object>>() {});
    ReduceLrOnPlateauSchedule r = new ReduceLrOnPlateauSchedule(cfg(2, 0, false));
    r.loadState(back);
    assertEquals(s.state(), r.state());
    assertEquals(0.5, s.stepEpoch(5, 4.0), 0.0);
    assertEquals(0.5, r.stepEpoch(5, 4.0), 0.0);
    ReduceLrOnPlateauSchedule fresh = new ReduceLrOnPlateauSchedule(cfg(2, 0, false));
    fresh.loadState(Configs.json().readValue(
        Configs.json().writeValueAsString(fresh.state()), new TypeReference<Map<String, Object>>() {}));
    assertNull(fresh.best());
  }
}
