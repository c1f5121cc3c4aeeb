// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.batching.BatchLimits;
import org.leapseq.data.batching.EpochBatchIterator;
import org.leapseq.data.batching.EpochIterator;
import org.leapseq.data.batching.InvalidSizePolicy;
import org.leapseq.data.batching.IteratorState;
import org.leapseq.data.dictionary.Dictionary;

/** LmFixtures.DOCS under break mode complete, tokens_per_sample 4: blocks of sizes [3,3,5,4,7,2]. */
class LmDatasetTest {
  private static final LanguageModelingConfig COMPLETE_4 = LanguageModelingConfig.ofBlockSize(4,
      SampleBreakMode.COMPLETE);

  @TempDir
  Path dir;

  @BeforeEach
  void writeSplits() {
    LmFixtures.write(dir.resolve("train"), LmFixtures.DOCS);
    LmFixtures.write(dir.resolve("valid"), LmFixtures.DOCS);
  }

  @Test
  void sourceIsTargetShiftedAfterEos() {
    try (LmDataset ds = LmDataset.open(dir, "valid", COMPLETE_4, new Dictionary())) {
      assertArrayEquals(new int[] {3, 3, 5, 4, 7, 2}, ds.sizes());
      LmItem it = ds.item(2);
      assertEquals(2, it.id());
      assertArrayEquals(new int[] {2, 13, 14, 15, 16}, it.source());
      assertArrayEquals(new int[] {13, 14, 15, 16, 2}, it.target());
    }
  }

  @Test
  void bosTokenIsPrependedToSourceAndTarget() {
    // fairseq's _maybe_add_bos prepends <s> (0) to both, so the first target is <s> as well.
    try (LmDataset ds = LmDataset.open(dir, "valid", COMPLETE_4.withBosToken(), new Dictionary())) {
      LmItem it = ds.item(1);
      assertArrayEquals(new int[] {0, 2, 12, 2}, it.source());
      assertArrayEquals(new int[] {0, 12, 2, 2}, it.target());
      assertArrayEquals(new int[] {3, 3, 5, 4, 7, 2}, ds.sizes(), "sizes exclude the bos");
    }
  }

  @Test
  void collateRightPadsWithPad() {
    try (LmDataset ds = LmDataset.open(dir, "valid", COMPLETE_4, new Dictionary())) {
      // Block 5 = [24, </s>] (source [</s>, 24]); block 0 = [10, 11, </s>] (source [</s>, 10, 11]); pad = 1.
      LmBatch b = ds.collate(new int[] {5, 0});
      assertEquals(2, b.batchSize());
      assertEquals(3, b.width());
      assertArrayEquals(new int[] {5, 0}, b.ids());
      assertArrayEquals(new int[] {2, 24, 1, 2, 10, 11}, b.source());
      assertArrayEquals(new int[] {24, 2, 1, 10, 11, 2}, b.target());
      assertArrayEquals(new int[] {2, 3}, b.srcLengths());
      assertEquals(5, b.ntokens());
      assertArrayEquals(new int[] {10, 11, 2}, b.targetRow(1));
    }
  }

  @Test
  void trainSkipsTooLongBlocksAndBatchesByTokens() {
    // Seed 1: numpy order of sizes [3,3,5,4,7,2] is [5,1,0,3,2,4]. max_positions = min(4, 8) drops blocks 2 (5)
    // and 4 (7). max_tokens 8: [5,1] costs 2*3 = 6; adding 0 costs 9 > 8, so [0,3] (2*4 = 8) is the next batch.
    try (EpochBatchIterator<LmBatch> it = LmBatches.train(dir, "train", COMPLETE_4, new Dictionary(),
        new BatchLimits(8, 0, 1), 1)) {
      assertEquals(2, it.batchCount());
      List<List<Integer>> seen = new ArrayList<>();
      it.nextEpochIterator().forEachRemaining(b -> seen.add(Arrays.stream(b.ids()).boxed().toList()));
      assertEquals(List.of(List.of(5, 1), List.of(0, 3)).stream().sorted(LmDatasetTest::byFirst).toList(),
          seen.stream().sorted(LmDatasetTest::byFirst).toList());
    }
  }

  @Test
  void trainResumesAtTheNextBatch() {
    BatchLimits limits = new BatchLimits(0, 1, 1);
    List<Integer> full = new ArrayList<>();
    IteratorState saved;
    try (EpochBatchIterator<LmBatch> it = LmBatches.train(dir, "train", COMPLETE_4.withMaxTargetPositions(8),
        new Dictionary(), limits, 3)) {
      EpochIterator<LmBatch> e = it.nextEpochIterator();
      full.add(e.next().ids()[0]);
      full.add(e.next().ids()[0]);
      saved = it.state();
      e.forEachRemaining(b -> full.add(b.ids()[0]));
    }
    assertEquals(6, full.size());
    try (EpochBatchIterator<LmBatch> it = LmBatches.train(dir, "train", COMPLETE_4.withMaxTargetPositions(8),
        new Dictionary(), limits, 3)) {
      it.loadState(IteratorState.fromJson(saved.toJson()));
      List<Integer> rest = new ArrayList<>();
      it.nextEpochIterator().forEachRemaining(b -> rest.add(b.ids()[0]));
      assertEquals(full.subList(2, 6), rest);
    }
  }

  @Test
  void validFailsOnTooLongBlocksUnlessSkipping() {
    LeapseqException e = assertThrows(LeapseqException.class, () -> LmBatches.valid(dir, "valid", COMPLETE_4,
        new Dictionary(), BatchLimits.maxSentences(2), 1, InvalidSizePolicy.FAIL));
    // Block 2 (size 5) is the first too-long block in the seed-1 order [5,1,0,3,2,4].
    assertEquals("Size of sample #2 is invalid (=5) since max_positions=4, skip this example with "
        + "--skip-invalid-size-inputs-valid-test", e.getMessage());
    try (EpochBatchIterator<LmBatch> it = LmBatches.valid(dir, "valid", COMPLETE_4, new Dictionary(),
        BatchLimits.maxSentences(2).withRequiredMultiple(1), 1, InvalidSizePolicy.SKIP)) {
      List<List<Integer>> ids = new ArrayList<>();
      it.nextEpochIterator().forEachRemaining(b -> ids.add(Arrays.stream(b.ids()).boxed().toList()));
      assertEquals(List.of(List.of(5, 1), List.of(0, 3)), ids, "valid batches keep the size order");
    }
  }

  @Test
  void missingSplitNamesTheFiles() {
    LeapseqException e = assertThrows(LeapseqException.class,
        () -> LmDataset.open(dir, "test", COMPLETE_4, new Dictionary()));
    assertEquals(dir.resolve("test") + ": dataset not found: expected " + dir.resolve("test.idx") + " and "
        + dir.resolve("test.bin"), e.getMessage());
  }

  @Test
  void configDefaultsAreFairseqs() {
    LanguageModelingConfig d = LanguageModelingConfig.defaults();
    assertEquals(1024, d.tokensPerSample());
    assertEquals(SampleBreakMode.NONE, d.sampleBreakMode());
    assertEquals(false, d.addBosToken());
    assertEquals(1024, d.maxTargetPositions());
    assertEquals(ShortenMethod.NONE, d.shortenMethod());
    assertThrows(LeapseqException.class, () -> LanguageModelingConfig.ofBlockSize(0, SampleBreakMode.EOS));
  }

  private static int byFirst(List<Integer> a, List<Integer> b) {
    return Integer.compare(a.get(0), b.get(0));
  }
}
