// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import java.nio.file.Path;
import java.util.List;
import org.leapseq.data.batching.BatchLimits;
import org.leapseq.data.batching.BatchOrder;
import org.leapseq.data.batching.BatchSampler;
import org.leapseq.data.batching.EpochBatchIterator;
import org.leapseq.data.batching.InvalidSizePolicy;
import org.leapseq.data.dictionary.Dictionary;

/**
 * Batch iterators for language modelling, fairseq's {@code get_batch_iterator}: items ordered by size under
 * {@code numpy_seed(seed)}, filtered by size, cut by {@link BatchLimits}, and iterated per epoch (shuffled for
 * training, in order for validation). The returned iterator owns the dataset and closes it.
 */
public final class LmBatches {
  private LmBatches() {}

  /**
   * The training iterator of {@code dataDir/split} (with shards): items longer than {@code min(max_target_positions,
   * max_tokens)} are skipped with a warning, and the batches are shuffled with seed {@code seed + epoch}.
   */
  public static EpochBatchIterator<LmBatch> train(Path dataDir, String split, LanguageModelingConfig cfg,
      Dictionary dict, BatchLimits limits, long seed) {
    int maxPositions = cfg.maxTargetPositions();
    if (limits.maxTokens() > 0) {
      maxPositions = (int) Math.min(maxPositions, limits.maxTokens());
    }
    return of(LmDataset.openCombined(dataDir, split, cfg, dict), limits, seed, maxPositions,
        InvalidSizePolicy.SKIP, BatchOrder.SHUFFLED);
  }

  /**
   * The validation iterator of {@code dataDir/split}: items longer than {@code max_target_positions} fail unless
   * {@code policy} is {@link InvalidSizePolicy#SKIP} ({@code --skip-invalid-size-inputs-valid-test}); batches keep
   * their order.
   */
  public static EpochBatchIterator<LmBatch> valid(Path dataDir, String split, LanguageModelingConfig cfg,
      Dictionary dict, BatchLimits limits, long seed, InvalidSizePolicy policy) {
    return of(LmDataset.open(dataDir, split, cfg, dict), limits, seed, cfg.maxTargetPositions(), policy,
        BatchOrder.FIXED);
  }

  /** An iterator over {@code ds}, which it closes on {@link EpochBatchIterator#close()} (or here on failure). */
  public static EpochBatchIterator<LmBatch> of(LmDataset ds, BatchLimits limits, long seed, int maxPositions,
      InvalidSizePolicy policy, BatchOrder order) {
    try {
      int[] sizes = ds.sizes();
      int[] indices = BatchSampler.orderedIndices(sizes, seed);
      indices = BatchSampler.filterBySize(indices, sizes, maxPositions, policy);
      List<int[]> batches = BatchSampler.batchBySize(indices, sizes, limits);
      return EpochBatchIterator.of(batches, ds::collate, order, seed, ds);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
  }
}
