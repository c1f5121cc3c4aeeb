// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetersTest {
  @Test
  void averageIsWeightedAndZeroWeightOnlySetsTheLatestValue() {
    AverageMeter m = new AverageMeter(Meter.NO_ROUND);
    assertNull(m.smoothedValue());
    m.update(242, 0);
    assertEquals(242.0, m.smoothedValue());
    m.update(2.0, 3);
    m.update(4.0, 1);
    assertEquals(2.5, m.avg());
    assertEquals(10.0, m.sum());
    m.update(100, 0);
    assertEquals(2.5, m.avg(), "a zero weight does not move the average");
    m.reset();
    assertNull(m.avg());
  }

  @Test
  void roundingIsPythonsHalfEvenOnTheExactBinaryValue() {
    assertEquals(2.67, PyRound.round(2.675, 2)); // 2.675 is 2.67499999... in binary
    assertEquals(0.12, PyRound.round(0.125, 2)); // exact tie: to even
    assertEquals(0.38, PyRound.round(0.375, 2));
    assertEquals(3.0, PyRound.round(2.5, 0) + 1.0);
    assertEquals(9.853, PyRound.round(9.85251, 3));
    assertEquals(Double.POSITIVE_INFINITY, PyRound.round(Double.POSITIVE_INFINITY, 2));
    AverageMeter m = new AverageMeter(3);
    m.update(1.23456, 1);
    assertEquals(1.235, m.smoothedValue());
  }

  @Test
  void sumMeterSums() {
    SumMeter s = new SumMeter(1);
    s.update(1.26);
    s.update(2.0);
    assertEquals(3.3, s.smoothedValue());
    SumMeter back = SumMeter.fromState(s.state());
    assertEquals(3.26, back.sum(), 1e-15);
  }

  @Test
  void timeMeterRateCountsInitAndN() {
    ScriptedClock clock = new ScriptedClock();
    TimeMeter t = new TimeMeter(1, clock);
    t.update(100);
    clock.advance(2);
    t.update(300);
    assertEquals(200.0, t.smoothedValue());
    assertEquals(2, t.updates());
    Map<String, Object> state = t.state();
    assertEquals(2.0, state.get("init"));
    assertEquals(400.0, state.get("n"));
    TimeMeter back = TimeMeter.fromState(state, clock);
    clock.advance(2);
    back.update(400);
    assertEquals(200.0, back.smoothedValue(), "800 events over 2 + 2 seconds");
    back.reset();
    clock.advance(1);
    assertEquals(0.0, back.avg());
  }

  @Test
  void stopwatchReportsElapsedUntilSomethingIsSummedThenTheSum() {
    ScriptedClock clock = new ScriptedClock();
    StopwatchMeter s = new StopwatchMeter(0, clock);
    assertEquals(0.0, s.smoothedValue());
    s.start();
    clock.advance(1.4);
    assertEquals(1.0, s.smoothedValue(), "elapsed, rounded to units");
    s.stop(0);
    s.start();
    clock.advance(1.4);
    s.stop(0);
    assertEquals(3.0, s.smoothedValue(), "the sum 2.8 (no weight): round(2.8) = 3");
    StopwatchMeter w = new StopwatchMeter(Meter.NO_ROUND, clock);
    w.start();
    clock.advance(3);
    w.stop(2);
    assertEquals(1.5, w.smoothedValue(), "seconds per weighted stop");
    StopwatchMeter back = StopwatchMeter.fromState(w.state(), clock);
    back.stop(5);
    assertEquals(1.5, back.avg(), "a restored stopwatch is stopped");
  }
}
