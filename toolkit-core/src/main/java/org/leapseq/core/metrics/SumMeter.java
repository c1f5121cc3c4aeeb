// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

import java.util.Map;

/** fairseq's {@code SumMeter}: the plain sum of the values (fairseq's {@code log_scalar_sum}). */
public final class SumMeter implements Meter {
  private final int round;
  private double sum;

  /** @param round digits of the smoothed value, or {@link Meter#NO_ROUND} */
  public SumMeter(int round) {
    this.round = round;
  }

  @Override
  public void reset() {
    sum = 0;
  }

  public void update(double v) {
    sum += v;
  }

  public double sum() {
    return sum;
  }

  @Override
  public Double smoothedValue() {
    return PyRound.round(sum, round);
  }

  @Override
  public Map<String, Object> state() {
    return PyRound.map("sum", sum, "round", PyRound.roundState(round));
  }

  /** Restores a {@link #state()}. */
  public static SumMeter fromState(Map<String, ?> state) {
    SumMeter m = new SumMeter(PyRound.roundOf(state));
    m.sum = PyRound.number(state, "sum");
    return m;
  }

  @Override
  public String typeName() {
    return "SumMeter";
  }
}
