// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * fairseq's {@code BaseProgressBar}: wraps an epoch's batches, remembers the index of the current one, logs
 * mid-epoch stats with {@link #log} and end-of-epoch or validation stats with {@link #print}. Stats are smoothed
 * values in report order; a tag names the logger (fairseq's {@code rename_logger}).
 */
public abstract class ProgressBar implements AutoCloseable {
  private final ProgressSpec spec;
  private final StatSink sink;
  private long index = -1;

  protected ProgressBar(ProgressSpec spec, StatSink sink) {
    this.spec = spec;
    this.sink = sink;
  }

  public final ProgressSpec spec() {
    return spec;
  }

  /** {@code epoch 001}, {@code epoch 001 | valid on 'valid' subset}, ... */
  public final String prefix() {
    return spec.header();
  }

  /** The index of the batch being processed ({@code offset} for the first one), -1 before the first. */
  public final long index() {
    return index;
  }

  /** Sets the current batch index, for loops that do not iterate through {@link #wrap}. */
  public final void position(long i) {
    index = i;
    onPosition(i);
  }

  /** Iterates {@code items}, recording each item's index (from the spec's offset) as it is handed out. */
  public final <T> Iterator<T> wrap(Iterator<T> items) {
    return new Iterator<>() {
      private long next = spec.offset();

      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public T next() {
        T item = items.next();
        position(next++);
        return item;
      }
    };
  }

  /** Mid-epoch stats; {@code step} is the update number (0: use the batch index), {@code tag} the logger name. */
  public abstract void log(Map<String, Double> stats, String tag, long step);

  /** End-of-epoch or validation stats under the logger {@code tag} (null: the progress bar's own logger). */
  public abstract void print(Map<String, Double> stats, String tag, long step);

  /** Called when the batch index moves. */
  protected void onPosition(long i) {}

  @Override
  public void close() {}

  /** fairseq's {@code step or self.i or 0}. */
  protected final long stepOrIndex(long step) {
    return step != 0 ? step : Math.max(index, 0);
  }

  protected final void emit(String tag, String message) {
    sink.info(tag == null ? StatSink.DEFAULT_LOGGER : tag, message);
  }

  /** Every stat through {@link StatFormat#format}, order kept. */
  protected static LinkedHashMap<String, String> formatStats(Map<String, Double> stats) {
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    stats.forEach((k, v) -> out.put(k, StatFormat.format(v).strip()));
    return out;
  }

  /** {@code loss=9.853, nll_loss=...}. */
  protected static String commas(Map<String, Double> stats) {
    StringJoiner j = new StringJoiner(", ");
    formatStats(stats).forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /** {@code loss 9.853 | nll_loss ...}. */
  protected static String pipes(Map<String, Double> stats) {
    StringJoiner j = new StringJoiner(" | ");
    formatStats(stats).forEach((k, v) -> j.add(k + " " + v));
    return j.toString();
  }

  /** The line {@link #print} writes for simple and tqdm bars: {@code epoch 001 | loss 9.853 | ...}. */
  protected final String pipeLine(Map<String, Double> stats) {
    return prefix() + " | " + pipes(stats);
  }
}
