// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.util.Arrays;

/** Times an action: {@code warmup} untimed runs, then the median and minimum of {@code repeats} timed runs. */
final class Stopwatch {
  private Stopwatch() {}

  /** Median and fastest wall time of one run, in seconds. */
  record Timing(double medianSeconds, double minSeconds, int repeats) {}

  static Timing time(Runnable action, int warmup, int repeats) {
    for (int i = 0; i < warmup; i++) {
      action.run();
    }
    double[] s = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      action.run();
      s[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(s);
    double median = repeats % 2 == 1 ? s[repeats / 2] : (s[repeats / 2 - 1] + s[repeats / 2]) / 2;
    return new Timing(median, s[0], repeats);
  }
}
