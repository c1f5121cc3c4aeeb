// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.train;

import java.util.Iterator;
import java.util.Map;

/**
 * Where the training loop reports, in fairseq's terms: updates go into the {@code train} (per epoch) and
 * {@code train_inner} (per log interval) aggregators, a {@code train_inner} line is printed every
 * {@code --log-interval} updates, and the epoch and each validation end with a summary line.
 */
public interface TrainLog {
  /** Starts an epoch of {@code size} updates, {@code offset} of them already done (a resumed epoch). */
  <T> Iterator<T> beginEpoch(int epoch, Iterator<T> updates, long size, long offset);

  /** Before an update's forward passes. */
  void beginStep();

  /** After an update: its summed logging outputs and statistics, the update count and the lr for the next one. */
  void endStep(Trainer.StepOutput step, long numUpdates, double nextLr);

  /** Prints and resets the {@code train_inner} aggregate when {@code numUpdates} is a multiple of the interval. */
  void logInner(long numUpdates);

  /** Prints the epoch's {@code train} aggregate and resets it. */
  void endEpoch(int epoch, long numUpdates);

  /** Starts validating {@code subset}. */
  void beginValid(int epoch, String subset);

  /** Adds one validation batch's summed logging outputs. */
  void valid(Map<String, Double> logging);

  /**
   * Prints the validation summary (with {@code num_updates} and {@code best_<metric>} when a best is known) and
   * returns the stats.
   */
  Map<String, Double> endValid(String subset, long numUpdates, String bestMetric, Double best, boolean maximize);

  /** The meters' state, for a checkpoint. */
  Map<String, Object> state();

  /** Restores {@link #state()}. */
  void load(Map<String, Object> state);
}
