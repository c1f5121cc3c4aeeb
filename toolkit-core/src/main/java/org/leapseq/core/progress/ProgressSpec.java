// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import java.util.Locale;
import org.leapseq.core.Require;

/**
 * What a progress bar shows around its stats.
 *
 * @param epoch the epoch (from 1) written as {@code epoch 001}; 0 when the bar has none (evaluation tools)
 * @param prefix text after the epoch ({@code valid on 'valid' subset}); empty for none
 * @param size the number of batches in the epoch (fairseq's {@code len(iterator)})
 * @param offset the index of the first batch iterated, above 0 when resuming mid-epoch
 * @param logInterval {@code --log-interval}: simple and json bars log on updates divisible by it; 0 never
 */
public record ProgressSpec(int epoch, String prefix, long size, long offset, int logInterval) {
  /** fairseq's default {@code --log-interval}. */
  public static final int DEFAULT_LOG_INTERVAL = 100;

  public ProgressSpec {
    Require.that(epoch >= 0, "epoch must be >= 0, got %d", epoch);
    Require.that(prefix != null, "prefix must not be null (use \"\")");
    Require.that(size >= 0 && offset >= 0, "size %d and offset %d must be >= 0", size, offset);
    Require.that(logInterval >= 0, "--log-interval must be >= 0, got %d", logInterval);
  }

  /** A bar over {@code size} batches of {@code epoch}, no prefix, from the start, the default interval. */
  public static ProgressSpec of(int epoch, long size) {
    return new ProgressSpec(epoch, "", size, 0, DEFAULT_LOG_INTERVAL);
  }

  public ProgressSpec withPrefix(String p) {
    return new ProgressSpec(epoch, p, size, offset, logInterval);
  }

  public ProgressSpec withOffset(long o) {
    return new ProgressSpec(epoch, prefix, size, o, logInterval);
  }

  public ProgressSpec withLogInterval(int n) {
    return new ProgressSpec(epoch, prefix, size, offset, n);
  }

  /** fairseq's bar prefix: {@code epoch 001}, then {@code " | " + prefix} when both are present. */
  public String header() {
    String h = epoch > 0 ? String.format(Locale.ROOT, "epoch %03d", epoch) : "";
    if (!prefix.isEmpty()) {
      h += (h.isEmpty() ? "" : " | ") + prefix;
    }
    return h;
  }
}
