// SPDX-License-Identifier: Apache-2.0
/**
 * fairseq's {@code language_modeling} data path ({@code fairseq/tasks/language_modeling.py}, {@code
 * token_block_dataset.py}, {@code token_block_utils_fast.pyx}, {@code monolingual_dataset.py}): {@link
 * org.leapseq.data.lm.TokenBlocks} cuts a binarized split into blocks by {@link
 * org.leapseq.data.lm.SampleBreakMode}, {@link org.leapseq.data.lm.LmDataset} turns blocks into shifted
 * source/target pairs (optionally with {@code <s>}), {@link org.leapseq.data.lm.LmBatch} is the right-padded
 * collated batch, and {@link org.leapseq.data.lm.LmBatches} builds the training and validation {@link
 * org.leapseq.data.batching.EpochBatchIterator}s. Block boundaries, shifts and batch composition equal fairseq's.
 */
package org.leapseq.data.lm;
