// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;

class BatchSamplerTest {
  private static final int[] SIZES = {5, 3, 8, 2, 7, 7, 1, 4, 6, 3, 2, 9, 5, 5, 3, 8, 1, 2, 6, 4};
  /** numpy: {@code np.random.seed(11); np.lexsort([np.random.permutation(20), sizes])}. */
  private static final int[] ORDER_11 = {16, 6, 3, 10, 17, 9, 1, 14, 7, 19, 13, 0, 12, 18, 8, 4, 5, 15, 2, 11};

  @Test
  void orderedIndicesEqualNumpyLexsort() {
    assertArrayEquals(ORDER_11, BatchSampler.orderedIndices(SIZES, 11));
    // sizes [3,1,3,2,3,1,2,3,5,2], seed 1: permutation [2,9,6,4,0,3,1,7,8,5]; ties of size 1 (items 1, 5) go by
    // permutation value 9 vs 3, so 5 first; size 2 (3, 6, 9): values 4, 1, 5 -> 6, 3, 9.
    assertArrayEquals(new int[] {5, 1, 6, 3, 9, 4, 0, 2, 7, 8},
        BatchSampler.orderedIndices(new int[] {3, 1, 3, 2, 3, 1, 2, 3, 5, 2}, 1));
  }

  @Test
  void orderedIndicesDependOnSeedOnlyInTies() {
    int[] a = BatchSampler.orderedIndices(SIZES, 1);
    int[] b = BatchSampler.orderedIndices(SIZES, 2);
    assertEquals(false, Arrays.equals(a, b));
    assertArrayEquals(Arrays.stream(a).map(i -> SIZES[i]).toArray(), Arrays.stream(b).map(i -> SIZES[i]).toArray());
  }

  @Test
  void requiredMultipleHandDerived() {
    // Ten items of 2 tokens, max_tokens 12 (at most 6 per batch), multiple 4. Positions 0-3 end a batch at 4
    // (sizes 1-3 are < 4, size 4 is a multiple); 5 and 6 items cost 10 and 12 but are not multiples; the 7th
    // overflows (14 > 12), so [0,4) is final and the tail [4,7) starts the next batch, which is cut at 8 (size
    // 4); items 8-9 never reach a multiple and form the last batch. Without the multiple: 6 + 4.
    int[] sizes = new int[10];
    Arrays.fill(sizes, 2);
    int[] idx = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    assertEquals(List.of(4, 4, 2), lengths(BatchSampler.batchBySize(idx, sizes, new BatchLimits(12, 0, 4))));
    assertEquals(List.of(6, 4), lengths(BatchSampler.batchBySize(idx, sizes, new BatchLimits(12, 0, 1))));
    assertEquals(List.of(3, 3, 3, 1), lengths(BatchSampler.batchBySize(idx, sizes, new BatchLimits(0, 3, 1))));
  }

  @Test
  void paddedCostUsesLongestItem() {
    // Sizes 1,1,1,6 with max_tokens 12: the 4th item makes the padded cost 4 * 6 = 24 > 12, so [1,1,1] is cut
    // and [6] starts the next batch (1 * 6 <= 12); the final 6 joins it (2 * 6 = 12).
    int[] sizes = {1, 1, 1, 6, 6};
    assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4)),
        asLists(BatchSampler.batchBySize(new int[] {0, 1, 2, 3, 4}, sizes, new BatchLimits(12, 0, 1))));
  }

  @Test
  void tailOverflowFinalizesTwoBatches() {
    // Sizes 1,1,1,1,2,2,5, max_tokens 12, multiple 4. [0,4) is cut at the multiple. Items 4 and 5 (cost 6 * 2 =
    // 12) wait for a multiple. Item 6 (size 5) overflows, and so does the tail alone (3 * 5 = 15 > 12), so fairseq
    // finalizes [4,6) and [6,7) separately instead of a [4,7) that would cost 15.
    int[] sizes = {1, 1, 1, 1, 2, 2, 5};
    assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5), List.of(6)),
        asLists(BatchSampler.batchBySize(new int[] {0, 1, 2, 3, 4, 5, 6}, sizes, new BatchLimits(12, 0, 4))));
  }

  /** Expected values from fairseq's batch_by_size_vec run in Python on ORDER_11. */
  @Test
  void batchesEqualFairseqVec() {
    assertEquals(List.of(List.of(16, 6, 3, 10, 17), List.of(9, 1, 14, 7), List.of(19, 13, 0), List.of(12, 18),
        List.of(8, 4), List.of(5, 15), List.of(2), List.of(11)), batches(16, 0, 1));
    assertEquals(List.of(List.of(16, 6, 3, 10), List.of(17, 9, 1, 14), List.of(7, 19, 13), List.of(0, 12),
        List.of(18, 8), List.of(4, 5), List.of(15, 2), List.of(11)), batches(16, 0, 4));
    assertEquals(List.of(List.of(16, 6, 3), List.of(10, 17, 9), List.of(1, 14, 7), List.of(19, 13, 0),
        List.of(12, 18, 8), List.of(4, 5), List.of(15, 2), List.of(11)), batches(20, 3, 1));
    assertEquals(List.of(List.of(16, 6, 3, 10), List.of(17, 9, 1, 14), List.of(7, 19, 13, 0),
        List.of(12, 18, 8, 4), List.of(5, 15, 2, 11)), batches(0, 5, 2));
    assertEquals(List.of(List.of(16, 6, 3, 10, 17, 9, 1, 14), List.of(7, 19, 13, 0, 12), List.of(18, 8, 4, 5),
        List.of(15, 2, 11)), batches(30, 0, 8));
    assertEquals(List.of(List.of(16, 6, 3, 10), List.of(17, 9), List.of(1, 14), List.of(7, 19), List.of(13),
        List.of(0), List.of(12), List.of(18), List.of(8), List.of(4), List.of(5), List.of(15), List.of(2),
        List.of(11)), batches(9, 0, 2));
  }

  @Test
  void itemLongerThanMaxTokensFails() {
    LeapseqException e = assertThrows(LeapseqException.class,
        () -> BatchSampler.batchBySize(ORDER_11, SIZES, new BatchLimits(8, 0, 1)));
    assertEquals("sample #11 has 9 tokens, more than max_tokens=8; filter samples by size first", e.getMessage());
    assertEquals(List.of(), BatchSampler.batchBySize(new int[0], SIZES, BatchLimits.maxTokens(8)));
  }

  @Test
  void filterBySizeFailsOrSkips() {
    LeapseqException e = assertThrows(LeapseqException.class,
        () -> BatchSampler.filterBySize(ORDER_11, SIZES, 7, InvalidSizePolicy.FAIL));
    // In ORDER_11 the first item longer than 7 is #15 (size 8).
    assertEquals("Size of sample #15 is invalid (=8) since max_positions=7, skip this example with "
        + "--skip-invalid-size-inputs-valid-test", e.getMessage());
    assertArrayEquals(new int[] {16, 6, 3, 10, 17, 9, 1, 14, 7, 19, 13, 0, 12, 18, 8, 4, 5},
        BatchSampler.filterBySize(ORDER_11, SIZES, 7, InvalidSizePolicy.SKIP));
    assertArrayEquals(ORDER_11, BatchSampler.filterBySize(ORDER_11, SIZES, 9, InvalidSizePolicy.FAIL));
  }

  @Test
  void limitsNeedOneSizeLimit() {
    assertThrows(LeapseqException.class, () -> new BatchLimits(0, 0, 8));
    assertThrows(LeapseqException.class, () -> new BatchLimits(10, 0, 0));
    assertEquals(new BatchLimits(100, 0, 8), BatchLimits.maxTokens(100));
    assertEquals(new BatchLimits(0, 4, 1), BatchLimits.maxSentences(4).withRequiredMultiple(1));
  }

  private static List<List<Integer>> batches(long maxTokens, int maxSentences, int mult) {
    return asLists(BatchSampler.batchBySize(ORDER_11, SIZES, new BatchLimits(maxTokens, maxSentences, mult)));
  }

  static List<List<Integer>> asLists(List<int[]> batches) {
    return batches.stream().map(b -> Arrays.stream(b).boxed().toList()).toList();
  }

  private static List<Integer> lengths(List<int[]> batches) {
    return batches.stream().map(b -> b.length).toList();
  }
}
