// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import java.util.Locale;
import java.util.Map;

/**
 * fairseq's {@code SimpleProgressBar}, the plain-line format for logs and non-terminals:
 * {@code epoch 001:     10 / 242 loss=9.853, ppl=925.1, ...} every {@code --log-interval} updates and
 * {@code epoch 001 | loss 9.853 | ...} at the end.
 */
public final class SimpleProgressBar extends ProgressBar {
  public SimpleProgressBar(ProgressSpec spec, StatSink sink) {
    super(spec, sink);
  }

  @Override
  public void log(Map<String, Double> stats, String tag, long step) {
    long s = stepOrIndex(step);
    int interval = spec().logInterval();
    if (s > 0 && interval > 0 && s % interval == 0) {
      emit(tag, String.format(Locale.ROOT, "%s:  %5d / %d %s", prefix(), index() + 1, spec().size(), commas(stats)));
    }
  }

  @Override
  public void print(Map<String, Double> stats, String tag, long step) {
    emit(tag, pipeLine(stats));
  }
}
