// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.leapseq.core.LeapseqException;

/**
 * fairseq's {@code FairseqLRScheduler}: holds the current rate and the best (lowest) validation loss; subclasses
 * override the steps they react to.
 */
abstract class AbstractLrScheduler implements LrScheduler {
  static final String BEST = "best";

  /** The rate the optimizer is set to (fairseq's {@code optimizer.get_lr()}). */
  protected double lr;
  private Double best;

  protected AbstractLrScheduler(double initialLr) {
    this.lr = initialLr;
  }

  @Override
  public double lr() {
    return lr;
  }

  @Override
  public double stepUpdate(long numUpdates) {
    return lr;
  }

  @Override
  public double stepBeginEpoch(int epoch) {
    return lr;
  }

  /** fairseq's base {@code step}: best = min(best, valLoss); the rate is unchanged. */
  @Override
  public double stepEpoch(int epoch, Double valLoss) {
    if (valLoss != null) {
      best = best == null ? valLoss : Math.min(best, valLoss);
    }
    return lr;
  }

  @Override
  public Double best() {
    return best;
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put(BEST, best);
    return s;
  }

  @Override
  public void loadState(Map<String, ?> state) {
    best = optionalDouble(state, BEST);
  }

  /** The number under {@code key}, or null when absent or null. */
  static Double optionalDouble(Map<String, ?> state, String key) {
    Object v = state.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw LeapseqException.of("lr scheduler state '%s' must be a number, got %s", key, v);
    }
    return n.doubleValue();
  }
}
