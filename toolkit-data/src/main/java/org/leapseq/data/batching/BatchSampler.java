// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.leapseq.core.LeapseqException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fairseq's batch construction ({@code FairseqTask.get_batch_iterator}): order the items by size with a seeded
 * random tie order, drop or reject the ones that are too long, then cut the order into batches by padded token
 * cost. Item sizes are indexed by item id; index arrays hold item ids.
 */
public final class BatchSampler {
  private static final Logger log = LoggerFactory.getLogger(BatchSampler.class);

  private BatchSampler() {}

  /**
   * {@code MonolingualDataset.ordered_indices()} under {@code numpy_seed(seed)}: {@code np.lexsort([
   * np.random.permutation(n), sizes])}, i.e. ascending size, ties ordered by a random permutation. Identical to
   * fairseq's order for the same seed.
   */
  public static int[] orderedIndices(int[] sizes, long seed) {
    int n = sizes.length;
    int[] perm = new NumpyRandom(seed).permutation(n);
    int[] itemOfRank = new int[n];
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      itemOfRank[perm[i]] = i;
      keys[i] = ((long) sizes[i] << 32) | perm[i];
    }
    Arrays.sort(keys);
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      out[k] = itemOfRank[(int) keys[k]];
    }
    return out;
  }

  /**
   * {@code FairseqTask.filter_indices_by_size}: keeps the indices whose size is at most {@code maxPositions}, in
   * order. Under {@link InvalidSizePolicy#FAIL} any longer item is an error naming the first one; under {@link
   * InvalidSizePolicy#SKIP} they are dropped with a warning giving their count.
   */
  public static int[] filterBySize(int[] indices, int[] sizes, int maxPositions, InvalidSizePolicy policy) {
    int[] kept = Arrays.stream(indices).filter(i -> sizes[i] <= maxPositions).toArray();
    if (kept.length == indices.length) {
      return kept;
    }
    int[] ignored = Arrays.stream(indices).filter(i -> sizes[i] > maxPositions).toArray();
    if (policy == InvalidSizePolicy.FAIL) {
      throw LeapseqException.of("Size of sample #%d is invalid (=%d) since max_positions=%d, skip this example "
          + "with --skip-invalid-size-inputs-valid-test", ignored[0], sizes[ignored[0]], maxPositions);
    }
    log.warn("{} samples have invalid sizes and will be skipped, max_positions={}, first few sample ids={}",
        String.format("%,d", ignored.length), maxPositions,
        Arrays.toString(Arrays.copyOf(ignored, Math.min(10, ignored.length))));
    return kept;
  }

  /**
   * {@code data_utils.batch_by_size} ({@code batch_by_size_vec}): walks {@code indices} in order and cuts them into
   * batches whose size times longest item stays within {@code maxTokens} and whose count stays within {@code
   * maxSentences}; a batch is cut at a multiple of {@code requiredBatchSizeMultiple} (or while smaller than it)
   * where possible. The last batch is kept whatever its size, as fairseq before 2022-12 (and the LeaPformer fork).
   *
   * @param numTokens the padded-cost length of each item, indexed by item id
   * @throws LeapseqException if an item alone exceeds {@code maxTokens}
   */
  public static List<int[]> batchBySize(int[] indices, int[] numTokens, BatchLimits limits) {
    int n = indices.length;
    if (n == 0) {
      return List.of();
    }
    long maxTokens = limits.maxTokens();
    for (int i : indices) {
      if (maxTokens > 0 && numTokens[i] > maxTokens) {
        throw LeapseqException.of("sample #%d has %d tokens, more than max_tokens=%d; filter samples by size first",
            i, numTokens[i], maxTokens);
      }
    }
    int[] ends = batchEnds(indices, numTokens, limits);
    List<int[]> batches = new ArrayList<>(ends.length);
    int start = 0;
    for (int end : ends) {
      batches.add(Arrays.copyOfRange(indices, start, end));
      start = end;
    }
    return List.copyOf(batches);
  }

  /** The exclusive end of each batch, fairseq's {@code batches_ends} loop line for line. */
  private static int[] batchEnds(int[] indices, int[] numTokens, BatchLimits limits) {
    long maxTokens = limits.maxTokens();
    int maxSentences = limits.maxSentences();
    int mult = limits.requiredBatchSizeMultiple();
    int n = indices.length;
    int[] ends = new int[n + 1];
    int count = 0;
    int batchStart = 0;
    long tailMax = 0;
    long batchMax = 0;
    for (int pos = 0; pos < n; pos++) {
      long len = numTokens[indices[pos]];
      tailMax = Math.max(tailMax, len);
      int newEnd = pos + 1;
      long newBatchMax = Math.max(batchMax, tailMax);
      int newSentences = newEnd - batchStart;
      boolean overflow = (maxSentences > 0 && newSentences > maxSentences)
          || (maxTokens > 0 && newSentences * newBatchMax > maxTokens);
      boolean sizeMatches = newSentences < mult || newSentences % mult == 0;
      if (overflow) {
        boolean tailOverflow = maxTokens > 0 && tailMax * (newEnd - ends[count]) > maxTokens;
        if (tailOverflow) {
          ends[++count] = pos;
          tailMax = len;
        }
        batchStart = ends[count];
        count++;
        newBatchMax = tailMax;
      }
      if (overflow || sizeMatches) {
        ends[count] = newEnd;
        batchMax = newBatchMax;
        tailMax = 0;
      }
    }
    if (ends[count] != n) {
      count++;
      ends[count] = n;
    }
    return Arrays.copyOf(ends, count + 1);
  }
}
