// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import java.io.PrintStream;
import org.leapseq.core.metrics.MonotonicClock;

/** fairseq's {@code progress_bar(...)} factory: picks the bar for {@code --log-format}. */
public final class ProgressBars {
  /** Whether a live terminal display is possible (fairseq: {@code sys.stderr.isatty()}). */
  public enum Terminal { ATTACHED, DETACHED;

    /** {@link #ATTACHED} when the JVM has a console ({@code System.console() != null}). */
    public static Terminal detect() {
      return System.console() != null ? ATTACHED : DETACHED;
    }
  }

  private ProgressBars() {}

  /** The bar for {@code format} writing through SLF4J, with the live bar on stderr when a console exists. */
  public static ProgressBar create(LogFormat format, ProgressSpec spec) {
    return create(format, spec, StatSink.SLF4J, Terminal.detect(), System.err);
  }

  /** As fairseq: {@code tqdm} without a terminal becomes {@code simple}. */
  public static ProgressBar create(
      LogFormat format, ProgressSpec spec, StatSink sink, Terminal terminal, PrintStream console) {
    LogFormat f = format == LogFormat.TQDM && terminal == Terminal.DETACHED ? LogFormat.SIMPLE : format;
    return switch (f) {
      case JSON -> new JsonProgressBar(spec, sink);
      case SIMPLE -> new SimpleProgressBar(spec, sink);
      case TQDM -> new TqdmProgressBar(spec, sink, console, MonotonicClock.SYSTEM);
      case NONE -> new NoopProgressBar(spec);
    };
  }
}
