// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.leapseq.core.Require;

/**
 * Groups of consecutive batches from an {@link EpochIterator}, fairseq's {@code GroupedIterator}: each group has
 * {@code chunkSize} batches except possibly the last, which holds what remains.
 *
 * @param <T> the collated batch
 */
public final class GroupedIterator<T> implements Iterator<List<T>> {
  private final EpochIterator<T> batches;
  private final int chunkSize;

  GroupedIterator(EpochIterator<T> batches, int chunkSize) {
    Require.that(chunkSize >= 1, "update_freq must be >= 1, got %d", chunkSize);
    this.batches = batches;
    this.chunkSize = chunkSize;
  }

  /** Groups taken so far, counting skipped batches: {@code ceil(batches.n() / chunkSize)} like fairseq. */
  public int n() {
    return (batches.n() + chunkSize - 1) / chunkSize;
  }

  /** Groups in the whole epoch: {@code ceil(total / chunkSize)}. */
  public int total() {
    return (batches.total() + chunkSize - 1) / chunkSize;
  }

  @Override
  public boolean hasNext() {
    return batches.hasNext();
  }

  @Override
  public List<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more batch groups in epoch " + batches.epoch());
    }
    List<T> group = new ArrayList<>(chunkSize);
    while (group.size() < chunkSize && batches.hasNext()) {
      group.add(batches.next());
    }
    return List.copyOf(group);
  }
}
