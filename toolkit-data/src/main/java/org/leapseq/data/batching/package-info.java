// SPDX-License-Identifier: Apache-2.0
/**
 * fairseq's batching and epoch iteration ({@code fairseq/data/data_utils.py}, {@code data_utils_fast.pyx}, {@code
 * fairseq/data/iterators.py}): {@link org.leapseq.data.batching.BatchSampler} orders items by size with a seeded
 * tie order, filters them by size and cuts them into batches by padded token cost under {@link
 * org.leapseq.data.batching.BatchLimits}; {@link org.leapseq.data.batching.EpochBatchIterator} shuffles the
 * frozen batches per epoch, groups them for {@code --update-freq}, and saves and restores its position as an
 * {@link org.leapseq.data.batching.IteratorState} with fairseq's fields. Random orders reproduce numpy's legacy
 * {@code np.random.seed} stream, so the orders equal fairseq's for the same seed.
 */
package org.leapseq.data.batching;
