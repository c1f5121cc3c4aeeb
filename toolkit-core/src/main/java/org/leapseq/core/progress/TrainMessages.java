// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed lines {@code fairseq_cli.train} logs around the progress bars, worded and formatted as fairseq does,
 * and its {@code get_valid_stats}. Messages only: callers log them on {@link #LOGGER}.
 */
public final class TrainMessages {
  /** fairseq_cli/train.py's logger name. */
  public static final String LOGGER = "fairseq_cli.train";

  private TrainMessages() {}

  /** {@code num. shared model params: 1,234,567 (num. trained: 1,234,567)}. */
  public static String modelParams(long total, long trained) {
    return String.format(Locale.ROOT, "num. shared model params: %,d (num. trained: %,d)", total, trained);
  }

  /** {@code training on 1 devices (GPUs/TPUs)}. */
  public static String devices(int n) {
    return "training on " + n + " devices (GPUs/TPUs)";
  }

  /** {@code max tokens per device = 2048 and max sentences per device = None}; a value of 0 or less is None. */
  public static String batchLimits(long maxTokens, long maxSentences) {
    return "max tokens per device = " + orNone(maxTokens) + " and max sentences per device = "
        + orNone(maxSentences);
  }

  /** {@code end of epoch 3 (average epoch stats below)}. */
  public static String endOfEpoch(int epoch) {
    return "end of epoch " + epoch + " (average epoch stats below)";
  }

  /** {@code begin validation on "valid" subset}. */
  public static String beginValidation(String subset) {
    return "begin validation on \"" + subset + "\" subset";
  }

  /** The validation bar's prefix: {@code valid on 'valid' subset}. */
  public static String validPrefix(String subset) {
    return "valid on '" + subset + "' subset";
  }

  /** {@code done training in 12.3 seconds}. */
  public static String doneTraining(double seconds) {
    return String.format(Locale.ROOT, "done training in %.1f seconds", seconds);
  }

  /**
   * fairseq's {@code get_valid_stats}: the validation values, then {@code num_updates}, then (for the first
   * subset, once a best value exists) {@code best_<metric>} = the better of the stored best and this value.
   *
   * @param best the best value so far, NaN when no checkpoint has recorded one yet
   */
  public static LinkedHashMap<String, Double> validStats(Map<String, Double> values, long numUpdates,
      String metric, double best, boolean maximize) {
    LinkedHashMap<String, Double> stats = new LinkedHashMap<>(values);
    stats.put("num_updates", (double) numUpdates);
    if (!Double.isNaN(best)) {
      double v = stats.get(metric);
      stats.put("best_" + metric, maximize ? Math.max(best, v) : Math.min(best, v));
    }
    return stats;
  }

  private static String orNone(long v) {
    return v > 0 ? Long.toString(v) : "None";
  }
}
