// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

import java.util.Map;

/**
 * fairseq's {@code StopwatchMeter}: time summed over start/stop pairs ({@code train_wall}, {@code wall}). Its
 * smoothed value is the average per counted stop, the sum when no stop was weighted, and the time since the
 * last start while nothing has been summed yet.
 */
public final class StopwatchMeter implements Meter {
  private final int round;
  private final MonotonicClock clock;
  private double sum;
  private double n;
  private Double startTime;

  /** @param round digits of the smoothed value, or {@link Meter#NO_ROUND} */
  public StopwatchMeter(int round, MonotonicClock clock) {
    this.round = round;
    this.clock = clock;
  }

  public void start() {
    startTime = clock.seconds();
  }

  /** Adds the time since the last start, counting {@code weight} events; no effect if never started. */
  public void stop(double weight) {
    if (startTime != null) {
      sum += clock.seconds() - startTime;
      n += weight;
    }
  }

  /** Clears the sum and count and starts again. */
  @Override
  public void reset() {
    sum = 0;
    n = 0;
    start();
  }

  public double sum() {
    return sum;
  }

  /** Seconds per counted event, or the sum when none was counted. */
  public double avg() {
    return n > 0 ? sum / n : sum;
  }

  /** Seconds since the last start (0 if never started). */
  public double elapsedTime() {
    return startTime == null ? 0.0 : clock.seconds() - startTime;
  }

  @Override
  public Double smoothedValue() {
    return PyRound.round(sum > 0 ? avg() : elapsedTime(), round);
  }

  @Override
  public Map<String, Object> state() {
    return PyRound.map("sum", sum, "n", n, "round", PyRound.roundState(round));
  }

  /** Restores a {@link #state()}; the restored stopwatch is stopped until the next start. */
  public static StopwatchMeter fromState(Map<String, ?> state, MonotonicClock clock) {
    StopwatchMeter m = new StopwatchMeter(PyRound.roundOf(state), clock);
    m.sum = PyRound.number(state, "sum");
    m.n = PyRound.number(state, "n");
    return m;
  }

  @Override
  public String typeName() {
    return "StopwatchMeter";
  }
}
