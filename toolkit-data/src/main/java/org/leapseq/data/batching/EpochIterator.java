// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * One epoch's batches, fairseq's {@code CountingIterator}: {@link #n()} counts the batches taken since the start
 * of the epoch, including any skipped on resume. A batch is collated only when {@link #next()} returns it, so a
 * resumed iterator that starts at an offset never reads the skipped batches.
 *
 * @param <T> the collated batch
 */
public final class EpochIterator<T> implements Iterator<T> {
  private final int epoch;
  private final List<int[]> batches;
  private final Function<int[], T> collate;
  private int n;

  EpochIterator(int epoch, List<int[]> batches, Function<int[], T> collate, int offset) {
    this.epoch = epoch;
    this.batches = batches;
    this.collate = collate;
    this.n = offset;
  }

  /** The epoch, counted from 1. */
  public int epoch() {
    return epoch;
  }

  /** Batches taken in this epoch so far, fairseq's {@code iterations_in_epoch}. */
  public int n() {
    return n;
  }

  /** The number of batches in the whole epoch. */
  public int total() {
    return batches.size();
  }

  @Override
  public boolean hasNext() {
    return n < batches.size();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("epoch " + epoch + " has no more batches (" + n + " of " + total() + ")");
    }
    return collate.apply(batches.get(n++).clone());
  }

  /**
   * The remaining batches in groups of {@code updateFreq} (fairseq's {@code GroupedIterator}, one group per
   * optimizer update with {@code --update-freq}); the last group may be smaller. Taking a group advances this
   * iterator.
   */
  public GroupedIterator<T> grouped(int updateFreq) {
    return new GroupedIterator<>(this, updateFreq);
  }
}
