// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.leapseq.core.metrics.MonotonicClock;

/**
 * fairseq's {@code TqdmProgressBar} for terminals: one line redrawn in place on the console stream
 * ({@code epoch 001:  42%|####      | 101/242 [00:12<00:17, 8.21it/s, loss=9.853, ...]}), the latest logged
 * stats as its postfix, erased when closed ({@code leave=False}); {@link #print} writes a normal log line.
 */
public final class TqdmProgressBar extends ProgressBar {
  private static final int BAR = 10;
  private static final double MIN_INTERVAL_S = 0.1;

  private final PrintStream console;
  private final MonotonicClock clock;
  private final double started;
  private double lastDraw = Double.NEGATIVE_INFINITY;
  private String postfix = "";
  private int drawnWidth;

  public TqdmProgressBar(ProgressSpec spec, StatSink sink, PrintStream console, MonotonicClock clock) {
    super(spec, sink);
    this.console = console;
    this.clock = clock;
    this.started = clock.seconds();
  }

  @Override
  protected void onPosition(long i) {
    double now = clock.seconds();
    if (now - lastDraw >= MIN_INTERVAL_S || i + 1 >= spec().size()) {
      lastDraw = now;
      draw(render(i + 1 - spec().offset(), now - started));
    }
  }

  @Override
  public void log(Map<String, Double> stats, String tag, long step) {
    postfix = commas(stats);
  }

  @Override
  public void print(Map<String, Double> stats, String tag, long step) {
    emit(tag, pipeLine(stats));
  }

  @Override
  public void close() {
    if (drawnWidth > 0) {
      console.print("\r" + " ".repeat(drawnWidth) + "\r");
      console.flush();
      drawnWidth = 0;
    }
  }

  /** The bar for {@code done} batches of this run after {@code elapsed} seconds. */
  String render(long done, double elapsed) {
    long total = spec().size();
    long n = done + spec().offset();
    double frac = total > 0 ? Math.min(1.0, n / (double) total) : 0;
    int filled = (int) Math.floor(frac * BAR);
    double rate = elapsed > 0 ? done / elapsed : 0;
    String remaining = rate > 0 ? clockTime((total - n) / rate) : "?";
    String rateText = rate == 0 ? "?it/s" : rate >= 1 ? String.format(Locale.ROOT, "%.2fit/s", rate)
        : String.format(Locale.ROOT, "%.2fs/it", 1 / rate);
    return String.format(Locale.ROOT, "%s: %3d%%|%s%s| %d/%d [%s<%s, %s%s]", prefix(), (int) (frac * 100),
        "#".repeat(filled), " ".repeat(BAR - filled), n, total, clockTime(elapsed), remaining, rateText,
        postfix.isEmpty() ? "" : ", " + postfix);
  }

  private void draw(String line) {
    int pad = Math.max(0, drawnWidth - line.length());
    console.print("\r" + line + " ".repeat(pad));
    console.flush();
    drawnWidth = line.length();
  }

  private static String clockTime(double seconds) {
    long s = (long) seconds;
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
  }
}
