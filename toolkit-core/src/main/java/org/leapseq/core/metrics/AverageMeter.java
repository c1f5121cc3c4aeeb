// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

import java.util.Map;

/**
 * fairseq's {@code AverageMeter}: a weighted running average. {@code update(v, n)} with {@code n = 0} only
 * remembers {@code v} as the latest value, which is then the average while nothing was weighted (how fairseq
 * logs {@code lr} and {@code num_updates}).
 */
public final class AverageMeter implements Meter {
  private final int round;
  private Double val;
  private double sum;
  private double count;

  /** @param round digits of the smoothed value, or {@link Meter#NO_ROUND} */
  public AverageMeter(int round) {
    this.round = round;
  }

  @Override
  public void reset() {
    val = null;
    sum = 0;
    count = 0;
  }

  /** Adds {@code v} with weight {@code n}; the latest value is kept whatever the weight. */
  public void update(double v, double n) {
    val = v;
    if (n > 0) {
      sum += v * n;
      count += n;
    }
  }

  /** The weighted average, or the latest value when no weight was ever added (null if none). */
  public Double avg() {
    return count > 0 ? Double.valueOf(sum / count) : val;
  }

  /** The weighted sum of the values. */
  public double sum() {
    return sum;
  }

  public double count() {
    return count;
  }

  @Override
  public Double smoothedValue() {
    return PyRound.round(avg(), round);
  }

  @Override
  public Map<String, Object> state() {
    return PyRound.map("val", val, "sum", sum, "count", count, "round", PyRound.roundState(round));
  }

  /** Restores a {@link #state()}. */
  public static AverageMeter fromState(Map<String, ?> state) {
    AverageMeter m = new AverageMeter(PyRound.roundOf(state));
    m.val = PyRound.nullableNumber(state, "val");
    m.sum = PyRound.number(state, "sum");
    m.count = PyRound.number(state, "count");
    return m;
  }

  @Override
  public String typeName() {
    return "AverageMeter";
  }
}
