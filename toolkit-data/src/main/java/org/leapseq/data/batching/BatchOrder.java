// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

/** Whether an {@link EpochBatchIterator} reorders its batches each epoch (training) or keeps them (validation). */
public enum BatchOrder {
  /** Shuffle the frozen batches with numpy seed {@code seed + epoch}, like fairseq's training iterator. */
  SHUFFLED,
  /** The batches in their built order, like fairseq's {@code next_epoch_itr(shuffle=False)}. */
  FIXED
}
