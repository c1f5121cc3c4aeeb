// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

import java.util.Map;

/**
 * fairseq's {@code TimeMeter}: events per second ({@code wps}, {@code ups}). The rate is {@code n / (init +
 * seconds since the last reset)}: {@code init} and {@code n} carry time and count over a checkpoint, and a
 * reset starts both from zero.
 */
public final class TimeMeter implements Meter {
  private final int round;
  private final MonotonicClock clock;
  private double init;
  private double start;
  private double n;
  private long updates;

  /** @param round digits of the smoothed value, or {@link Meter#NO_ROUND} */
  public TimeMeter(int round, MonotonicClock clock) {
    this.round = round;
    this.clock = clock;
    reset(0, 0);
  }

  @Override
  public void reset() {
    reset(0, 0);
  }

  /** Restarts the clock, counting {@code init} seconds and {@code n} events as already elapsed. */
  public void reset(double init, double n) {
    this.init = init;
    this.start = clock.seconds();
    this.n = n;
    this.updates = 0;
  }

  public void update(double v) {
    n += v;
    updates++;
  }

  /** Events per second. */
  public double avg() {
    return n / elapsedTime();
  }

  /** Seconds counted: {@code init} plus the time since the last reset. */
  public double elapsedTime() {
    return init + (clock.seconds() - start);
  }

  /** The events counted. */
  public double n() {
    return n;
  }

  /** The number of {@link #update} calls since the last reset (fairseq's {@code i}). */
  public long updates() {
    return updates;
  }

  @Override
  public Double smoothedValue() {
    return PyRound.round(avg(), round);
  }

  @Override
  public Map<String, Object> state() {
    return PyRound.map("init", elapsedTime(), "n", n, "round", PyRound.roundState(round));
  }

  /** Restores a {@link #state()}: the clock restarts from the stored elapsed time. */
  public static TimeMeter fromState(Map<String, ?> state, MonotonicClock clock) {
    TimeMeter m = new TimeMeter(PyRound.roundOf(state), clock);
    m.reset(PyRound.number(state, "init"), PyRound.number(state, "n"));
    return m;
  }

  @Override
  public String typeName() {
    return "TimeMeter";
  }
}
