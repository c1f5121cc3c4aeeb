// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.Map;

/**
 * A learning-rate schedule with fairseq's calling protocol: {@link #stepUpdate} after every update (and once with 0
 * before the first, as fairseq's trainer does when it builds the optimizer), {@link #stepBeginEpoch} before each
 * epoch (epochs count from 1) and {@link #stepEpoch} after it with the validation loss. Each returns the rate the
 * next update should use, which {@link #lr()} repeats. On resume, {@link #loadState} followed by
 * {@code stepUpdate(numUpdates)} restores the rate, as in fairseq.
 */
public interface LrScheduler {
  /** The rate for the next update. */
  double lr();

  /** After update number {@code numUpdates} (0 before the first). */
  double stepUpdate(long numUpdates);

  /** At the beginning of {@code epoch}; most schedules do nothing. */
  double stepBeginEpoch(int epoch);

  /** At the end of {@code epoch}; {@code valLoss} is null when there was no validation. Tracks the best loss. */
  double stepEpoch(int epoch, Double valLoss);

  /** The best validation loss seen so far, or null. */
  Double best();

  /**
   * A JSON-able copy of the state (numbers, booleans and nulls under string keys); always has {@code best}, plus
   * what the schedule needs to resume (fairseq's {@code lr_scheduler_state}).
   */
  Map<String, Object> state();

  /** Restores {@link #state()}; keys fairseq's state may lack are optional. */
  void loadState(Map<String, ?> state);
}
