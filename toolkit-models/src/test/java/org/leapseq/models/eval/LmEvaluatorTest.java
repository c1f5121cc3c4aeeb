// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.nn.Rng;
import org.leapseq.data.batching.BatchLimits;
import org.leapseq.data.batching.InvalidSizePolicy;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.data.indexed.DType;
import org.leapseq.data.indexed.IndexedDatasets;
import org.leapseq.data.indexed.MmapIndexedDatasetBuilder;
import org.leapseq.data.lm.LanguageModelingConfig;
import org.leapseq.data.lm.LmDataset;
import org.leapseq.data.lm.LmItem;
import org.leapseq.data.lm.SampleBreakMode;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.leapseq.models.lm.TransformerLmConfig;
import org.leapseq.models.modules.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The three scoring modes of eval-lm against brute force on real text (the Moby-Dick fixture of toolkit-data):
 * fairseq's context window equals scoring every window separately, streaming equals one forward pass over the
 * whole split, and batching changes nothing.
 */
class LmEvaluatorTest {
  private static final Path TEXT = Path.of("../toolkit-data/src/test/resources/corpus/moby-dick/package/data/data.txt");

  @TempDir static Path dir;
  static Dictionary dict;
  static Path prefix;

  @BeforeAll
  static void binarize() throws IOException {
    dict = Dictionary.countCorpus(List.of(TEXT), 1);
    dict.finish(0, -1, 8);
    prefix = dir.resolve("test");
    try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(prefix, DType.INT32)) {
      for (String line : Files.readAllLines(TEXT)) {
        int[] ids = dict.encodeLine(line);
        b.add(ids, ids.length);
      }
      b.finish();
    }
  }

  private static TransformerLanguageModel model(boolean leap, long seed) {
    return model(leap, seed, DataType.DOUBLE);
  }

  private static TransformerLanguageModel model(boolean leap, long seed, DataType type) {
    TransformerLmConfig cfg = new TransformerLmConfig(8, 16, 2, 2, true, false, 0, 0, 0, Activation.RELU, false,
        false, false, false, 1024, 8, 8, false, 4, null, null, 0, 4, false, false, "softmax", leap, 2);
    TransformerLanguageModel m = TransformerLanguageModel.build(cfg, dict.size(), Dictionary.PAD,
        BuiltIns.registries().attentions(), type, new Rng(seed));
    m.eval();
    return m;
  }

  private static LmDataset dataset(int block) {
    return LmDataset.of(IndexedDatasets.open(prefix),
        LanguageModelingConfig.ofBlockSize(block, SampleBreakMode.NONE).withMaxTargetPositions(1024), dict);
  }

  private static LmEvaluator.Options options(int context, boolean stream, int batch) {
    return new LmEvaluator.Options(context, stream, BatchLimits.maxSentences(batch).withRequiredMultiple(1), 1,
        1024, InvalidSizePolicy.FAIL, 7);
  }

  /** The split as one stream: inputs (fairseq's shifted source) and next-token targets. */
  private static int[][] stream(int block) {
    List<Integer> src = new ArrayList<>();
    List<Integer> tgt = new ArrayList<>();
    try (LmDataset ds = dataset(block)) {
      for (int i = 0; i < ds.size(); i++) {
        LmItem it = ds.item(i);
        for (int k = 0; k < it.source().length; k++) {
          src.add(it.source()[k]);
          tgt.add(it.target()[k]);
        }
      }
    }
    return new int[][] {src.stream().mapToInt(Integer::intValue).toArray(),
        tgt.stream().mapToInt(Integer::intValue).toArray()};
  }

  /** log p(targets[j] | inputs[from .. j]) by one forward pass over inputs[from, to), in plain Java doubles. */
  private static double[] bruteForce(TransformerLanguageModel m, int[] inputs, int[] targets, int from, int to) {
    int[] window = java.util.Arrays.copyOfRange(inputs, from, to);
    INDArray logits = m.logits(m.features(window, window.length)).value();
    double[] out = new double[to - from];
    for (int j = 0; j < out.length; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < logits.size(2); v++) {
        max = Math.max(max, logits.getDouble(0, j, v));
      }
      double sum = 0;
      for (int v = 0; v < logits.size(2); v++) {
        sum += Math.exp(logits.getDouble(0, j, v) - max);
      }
      out[j] = logits.getDouble(0, j, targets[from + j]) - max - Math.log(sum);
    }
    return out;
  }

  private static List<ScoredSequence> run(TransformerLanguageModel m, int block, LmEvaluator.Options o) {
    List<ScoredSequence> out = new ArrayList<>();
    try (LmDataset ds = dataset(block)) {
      new LmEvaluator(List.of(m), o).run(ds, out::add);
    }
    out.sort((a, b) -> Integer.compare(a.id(), b.id()));
    return out;
  }

  @Test
  void contextWindowScoresEveryTokenAfterItsOwnWindowOfEarlierTokens() {
    TransformerLanguageModel m = model(true, 3);
    int tokensPerSample = 8;
    for (int context : new int[] {3, tokensPerSample - 1}) {
      int block = tokensPerSample - context;
      int[][] s = stream(block);
      for (int batch : context == 3 ? new int[] {1, 5} : new int[] {5}) {
        List<ScoredSequence> scored = run(m, block, options(context, false, batch));
        int at = 0;
        for (ScoredSequence seq : scored) {
          int from = Math.max(0, at - context);
          int to = at + seq.tokens().length;
          double[] all = bruteForce(m, s[0], s[1], from, to);
          for (int j = 0; j < seq.tokens().length; j++) {
            assertEquals(s[1][at + j], seq.tokens()[j]);
            assertEquals(all[at - from + j], seq.lprobs()[j], 1e-10,
                "context " + context + " batch " + batch + " token " + (at + j));
          }
          at = to;
        }
        assertEquals(s[1].length, at, "every token is scored once");
      }
    }
  }

  @Test
  void streamingEqualsOneForwardPassOverTheWholeSplit() {
    for (boolean leap : new boolean[] {true, false}) {
      TransformerLanguageModel m = model(leap, 5);
      int[][] s = stream(16);
      double[] expected = bruteForce(m, s[0], s[1], 0, s[0].length);
      int at = 0;
      for (ScoredSequence seq : run(m, 16, options(0, true, 1))) {
        for (int j = 0; j < seq.lprobs().length; j++) {
          assertEquals(expected[at + j], seq.lprobs()[j], 1e-10, (leap ? "leapformer" : "softmax") + " " + at);
        }
        at += seq.lprobs().length;
      }
      assertEquals(s[0].length, at);
    }
  }

  @Test
  void float32ScoringThroughTheFusedDecoderMatchesNd4jInEveryMode() {
    for (boolean leap : new boolean[] {true, false}) {
      TransformerLanguageModel m = model(leap, 6, DataType.FLOAT);
      for (LmEvaluator.Options o : List.of(options(0, true, 1), options(0, false, 3), options(3, false, 4))) {
        int block = o.contextWindow() > 0 ? 8 - o.contextWindow() : 16;
        List<ScoredSequence> fused = run(m, block, o);
        List<ScoredSequence> plain;
        System.setProperty("leapseq.decode.fused", "false");
        try {
          plain = run(m, block, o);
        } finally {
          System.clearProperty("leapseq.decode.fused");
        }
        assertEquals(plain.size(), fused.size());
        for (int i = 0; i < plain.size(); i++) {
          assertArrayEquals(plain.get(i).tokens(), fused.get(i).tokens());
          for (int j = 0; j < plain.get(i).lprobs().length; j++) {
            assertEquals(plain.get(i).lprobs()[j], fused.get(i).lprobs()[j], 1e-4,
                o + " block " + i + " token " + j);
          }
        }
      }
    }
  }

  @Test
  void plainBlocksAreScoredAloneAndTheEnsembleAveragesProbabilities() {
    TransformerLanguageModel a = model(true, 11);
    TransformerLanguageModel b = model(false, 12);
    List<ScoredSequence> one = run(a, 16, options(0, false, 3));
    List<ScoredSequence> other = run(b, 16, options(0, false, 3));
    List<ScoredSequence> both = new ArrayList<>();
    try (LmDataset ds = dataset(16)) {
      new LmEvaluator(List.of(a, b), options(0, false, 3)).run(ds, both::add);
      both.sort((x, y) -> Integer.compare(x.id(), y.id()));
      for (int i = 0; i < one.size(); i++) {
        LmItem it = ds.item(one.get(i).id());
        double[] alone = bruteForce(a, it.source(), it.target(), 0, it.source().length);
        for (int j = 0; j < alone.length; j++) {
          assertEquals(alone[j], one.get(i).lprobs()[j], 1e-10);
          double mean = Math.log((Math.exp(one.get(i).lprobs()[j]) + Math.exp(other.get(i).lprobs()[j])) / 2);
          assertEquals(mean, both.get(i).lprobs()[j], 1e-12);
        }
      }
    }
    assertTrue(one.size() > 3);
  }
}
