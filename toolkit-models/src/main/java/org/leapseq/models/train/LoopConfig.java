// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.train;

import java.util.List;
import org.leapseq.core.Require;

/**
 * fairseq's loop options.
 *
 * @param maxEpoch {@code --max-epoch} (0 = no limit)
 * @param maxUpdate {@code --max-update} (0 = no limit)
 * @param stopMinLr {@code --stop-min-lr}
 * @param updateFreq {@code --update-freq}, per epoch (the last entry holds for later epochs)
 * @param logInterval {@code --log-interval}
 * @param validateInterval {@code --validate-interval} (epochs)
 * @param validateIntervalUpdates {@code --validate-interval-updates} (0 = off)
 * @param validateAfterUpdates {@code --validate-after-updates}
 * @param disableValidation {@code --disable-validation}
 * @param validSubsets {@code --valid-subset}, split on commas
 */
public record LoopConfig(int maxEpoch, long maxUpdate, double stopMinLr, List<Integer> updateFreq, int logInterval,
    int validateInterval, int validateIntervalUpdates, int validateAfterUpdates, boolean disableValidation,
    List<String> validSubsets) {
  /** Checks the values. */
  public LoopConfig {
    Require.that(maxEpoch >= 0 && maxUpdate >= 0, "--max-epoch and --max-update must be >= 0");
    Require.that(!updateFreq.isEmpty() && updateFreq.stream().allMatch(u -> u > 0),
        "--update-freq must be positive integers, got %s", updateFreq);
    Require.that(logInterval > 0, "--log-interval must be positive, got %d", logInterval);
    Require.that(validateInterval > 0, "--validate-interval must be positive, got %d", validateInterval);
    updateFreq = List.copyOf(updateFreq);
    validSubsets = List.copyOf(validSubsets);
  }

  /** The accumulation factor of {@code epoch} (1-based). */
  public int updateFreq(int epoch) {
    return updateFreq.get(Math.min(epoch, updateFreq.size()) - 1);
  }
}
