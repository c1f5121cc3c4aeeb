// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.leapseq.core.LeapseqException;

/**
 * fairseq's {@code EpochBatchIterator} over a fixed ("frozen") list of batches: epochs count from 1, and with
 * {@link BatchOrder#SHUFFLED} each epoch visits the batches in the order {@code np.random.shuffle} gives under
 * {@code numpy_seed(seed + epoch)} (reproduced exactly, see {@code NumpyRandom}); which items share a batch never
 * changes. {@link #state()} and {@link #loadState} resume mid-epoch at the exact next batch without collating the
 * skipped ones. Not thread-safe; {@link #close()} releases the data the batches are read from.
 *
 * @param <T> the collated batch
 */
public final class EpochBatchIterator<T> implements AutoCloseable {
  private final List<int[]> batches;
  private final Function<int[], T> collate;
  private final BatchOrder order;
  private final long seed;
  private final AutoCloseable resources;
  private int epoch = 1;
  private boolean shuffle;
  private EpochIterator<T> current;
  private EpochIterator<T> pending;

  private EpochBatchIterator(List<int[]> batches, Function<int[], T> collate, BatchOrder order, long seed,
      AutoCloseable resources) {
    this.batches = batches.stream().map(int[]::clone).toList();
    this.collate = collate;
    this.order = order;
    this.seed = seed;
    this.resources = resources;
    this.shuffle = order == BatchOrder.SHUFFLED;
  }

  /** An iterator over {@code batches} (arrays of item ids) that turns each into a {@code T} with {@code collate}. */
  public static <T> EpochBatchIterator<T> of(List<int[]> batches, Function<int[], T> collate, BatchOrder order,
      long seed) {
    return new EpochBatchIterator<>(batches, collate, order, seed, () -> {});
  }

  /** As {@link #of(List, Function, BatchOrder, long)}, closing {@code resources} on {@link #close()}. */
  public static <T> EpochBatchIterator<T> of(List<int[]> batches, Function<int[], T> collate, BatchOrder order,
      long seed, AutoCloseable resources) {
    return new EpochBatchIterator<>(batches, collate, order, seed, resources);
  }

  /** The number of batches per epoch. */
  public int batchCount() {
    return batches.size();
  }

  /** The epoch in progress, or the one {@link #nextEpochIterator()} will start if none has begun (initially 1). */
  public int epoch() {
    return epoch;
  }

  /** fairseq's {@code next_epoch_idx}: the epoch {@link #nextEpochIterator()} will return. */
  public int nextEpochIndex() {
    return endOfEpoch() ? epoch + 1 : epoch;
  }

  /** Whether the current epoch's iterator is exhausted (false before the first epoch starts). */
  public boolean endOfEpoch() {
    return current != null && !current.hasNext();
  }

  /** Batches done in the current epoch, or the resume offset of a loaded state not yet started. */
  public int iterationsInEpoch() {
    if (current != null) {
      return current.n();
    }
    return pending != null ? pending.n() : 0;
  }

  /**
   * Starts the next epoch ({@link #nextEpochIndex()}) and returns its iterator; after {@link #loadState} this is
   * the resumed epoch, positioned at its next batch.
   */
  public EpochIterator<T> nextEpochIterator() {
    epoch = nextEpochIndex();
    if (pending != null) {
      current = pending;
      pending = null;
    } else {
      shuffle = order == BatchOrder.SHUFFLED;
      current = new EpochIterator<>(epoch, batchesForEpoch(epoch, shuffle), collate, 0);
    }
    return current;
  }

  /** fairseq's {@code state_dict()}: at the end of an epoch, the next epoch at 0. */
  public IteratorState state() {
    if (endOfEpoch()) {
      return new IteratorState(epoch + 1, 0, shuffle);
    }
    return new IteratorState(epoch, iterationsInEpoch(), shuffle);
  }

  /**
   * fairseq's {@code load_state_dict()}: the next {@link #nextEpochIterator()} continues {@code state.epoch()} at
   * batch {@code state.iterationsInEpoch()}, ordered by {@code state.shuffle()}.
   *
   * @throws LeapseqException if the offset is not inside the epoch (the batches differ from the saved run's)
   */
  public void loadState(IteratorState state) {
    epoch = state.epoch();
    current = null;
    pending = null;
    int offset = state.iterationsInEpoch();
    if (offset > 0) {
      if (offset >= batches.size()) {
        throw LeapseqException.of("Cannot resume training due to dataloader mismatch: the saved state is at batch %d"
            + " of epoch %d but an epoch has %d batches; relaunch with --reset-dataloader", offset, epoch,
            batches.size());
      }
      shuffle = state.shuffle();
      pending = new EpochIterator<>(epoch, batchesForEpoch(epoch, shuffle), collate, offset);
    }
  }

  /** The batches in the order {@code epoch} visits them under this iterator's {@link BatchOrder}. */
  public List<int[]> batchesForEpoch(int epoch) {
    return batchesForEpoch(epoch, order == BatchOrder.SHUFFLED).stream().map(int[]::clone).toList();
  }

  private List<int[]> batchesForEpoch(int epoch, boolean shuffled) {
    if (!shuffled) {
      return batches;
    }
    List<int[]> copy = new ArrayList<>(batches);
    new NumpyRandom(seed + epoch).shuffle(copy);
    return List.copyOf(copy);
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new LeapseqException("closing the batch iterator's data failed: " + e.getMessage(), e);
    }
  }
}
