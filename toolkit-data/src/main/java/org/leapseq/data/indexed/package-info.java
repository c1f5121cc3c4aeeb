// SPDX-License-Identifier: Apache-2.0
/**
 * Byte-compatible readers and a writer for fairseq's binarized datasets ({@code fairseq/data/indexed_dataset.py}):
 * the memory-mapped {@code MMIDIDX} format written by {@code fairseq-preprocess --dataset-impl mmap} (read by
 * {@link org.leapseq.data.indexed.MmapIndexedDataset}, written by {@link
 * org.leapseq.data.indexed.MmapIndexedDatasetBuilder}), and the read-only legacy {@code TNTIDX} format of the
 * {@code lazy}/{@code cached} implementations ({@link org.leapseq.data.indexed.LegacyIndexedDataset}). {@link
 * org.leapseq.data.indexed.IndexedDatasets} picks the reader from the index's magic bytes and concatenates the
 * shards {@code train}, {@code train1}, {@code train2}, ... like fairseq's {@code load_indexed_dataset}. Every
 * malformed or truncated file fails at open with a one-line {@link org.leapseq.core.LeapseqException} that names
 * the file and the problem.
 */
package org.leapseq.data.indexed;
