// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leapseq.core.nn.Rng;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.leapseq.models.lm.TransformerLmConfig;
import org.leapseq.models.modules.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Generation against brute force: every score is the full forward's log-probability, greedy is the argmax path. */
class SequenceGeneratorTest {
  private static final Path TEXT = Path.of("../toolkit-data/src/test/resources/corpus/moby-dick/package/data/data.txt");
  static Dictionary dict;
  static List<int[]> prompts;

  @BeforeAll
  static void vocabulary() {
    dict = Dictionary.countCorpus(List.of(TEXT), 1);
    dict.finish(0, -1, 8);
    prompts = List.of(prompt("Call me Ishmael ."), prompt("I stuffed a shirt"), prompt("Queequeg"));
  }

  private static int[] prompt(String line) {
    int[] ids = dict.encodeLine(line);
    return Arrays.copyOf(ids, ids.length - 1);
  }

  private static TransformerLanguageModel model(boolean leap) {
    TransformerLmConfig cfg = new TransformerLmConfig(16, 32, 2, 2, true, false, 0, 0, 0, Activation.RELU, true,
        false, false, false, 64, 16, 16, false, 4, null, null, 0, 4, false, false, "softmax", leap, 2);
    TransformerLanguageModel m = TransformerLanguageModel.build(cfg, dict.size(), Dictionary.PAD,
        BuiltIns.registries().attentions(), DataType.DOUBLE, new Rng(21));
    m.eval();
    return m;
  }

  private static GenerationConfig config(int beam, int nbest, int maxLenB, int noRepeat, boolean sampling, int topk) {
    return new GenerationConfig(beam, nbest, 0, maxLenB, 1, 1, 0, false, noRepeat, sampling, topk, -1, 1, 7);
  }

  /** log p(tokens[i] | </s>, tokens[..i]) for every i, by one full forward pass. */
  private static double[] bruteForce(TransformerLanguageModel m, int[] tokens) {
    int[] input = new int[tokens.length];
    input[0] = Dictionary.EOS;
    System.arraycopy(tokens, 0, input, 1, tokens.length - 1);
    INDArray logits = m.logits(m.features(input, input.length)).value();
    double[] out = new double[tokens.length];
    for (int t = 0; t < tokens.length; t++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < logits.size(2); v++) {
        max = Math.max(max, logits.getDouble(0, t, v));
      }
      double sum = 0;
      for (int v = 0; v < logits.size(2); v++) {
        sum += Math.exp(logits.getDouble(0, t, v) - max);
      }
      out[t] = logits.getDouble(0, t, tokens[t]) - max - Math.log(sum);
    }
    return out;
  }

  @Test
  void beamHypothesesCarryTheFullForwardScoresAndStartWithTheirPrompt() {
    for (boolean leap : new boolean[] {true, false}) {
      TransformerLanguageModel m = model(leap);
      List<List<Hypothesis>> out = new SequenceGenerator(m, config(4, 3, 8, 0, false, -1), Dictionary.EOS)
          .generate(prompts);
      for (int i = 0; i < prompts.size(); i++) {
        assertEquals(3, out.get(i).size());
        Set<String> seen = new HashSet<>();
        double previous = Double.POSITIVE_INFINITY;
        for (Hypothesis h : out.get(i)) {
          int[] t = h.tokens();
          assertArrayEquals(prompts.get(i), Arrays.copyOf(t, prompts.get(i).length));
          assertEquals(Dictionary.EOS, t[t.length - 1]);
          assertTrue(t.length <= 9, "max length 8 + </s>");
          double[] expected = bruteForce(m, t);
          double sum = 0;
          for (int j = 0; j < t.length; j++) {
            assertEquals(expected[j], h.positionalScores()[j], 1e-10, (leap ? "leapformer" : "softmax") + " " + j);
            sum += expected[j];
          }
          assertEquals(sum / t.length, h.score(), 1e-10, "score / length^1");
          assertTrue(h.score() <= previous, "best first");
          previous = h.score();
          assertTrue(seen.add(Arrays.toString(t)), "distinct hypotheses");
        }
      }
    }
  }

  @Test
  void beamOneIsTheGreedyArgmaxPathAndBatchingChangesNothing() {
    TransformerLanguageModel m = model(true);
    List<List<Hypothesis>> batched = new SequenceGenerator(m, config(1, 1, 10, 0, false, -1), Dictionary.EOS)
        .generate(prompts);
    for (int i = 0; i < prompts.size(); i++) {
      Hypothesis h = batched.get(i).get(0);
      Hypothesis alone = new SequenceGenerator(m, config(1, 1, 10, 0, false, -1), Dictionary.EOS)
          .generate(List.of(prompts.get(i))).get(0).get(0);
      assertArrayEquals(alone.tokens(), h.tokens());
      assertEquals(alone.score(), h.score(), 1e-12);
      int[] t = h.tokens();
      for (int j = prompts.get(i).length; j < t.length; j++) {
        int[] prefix = Arrays.copyOf(t, j + 1);
        int[] input = new int[j + 1];
        input[0] = Dictionary.EOS;
        System.arraycopy(t, 0, input, 1, j);
        INDArray logits = m.logits(m.features(input, input.length)).value();
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < logits.size(2); v++) {
          double s = logits.getDouble(0, j, v);
          boolean banned = v == Dictionary.PAD || (j >= 10 && v != Dictionary.EOS);
          if (!banned && s > bestScore) {
            best = v;
            bestScore = s;
          }
        }
        assertEquals(best, prefix[j], "greedy token at " + j);
      }
    }
  }

  @Test
  void noRepeatNgramSizeForbidsRepeatedBigrams() {
    TransformerLanguageModel m = model(false);
    for (Hypothesis h : new SequenceGenerator(m, config(3, 3, 20, 2, false, -1), Dictionary.EOS)
        .generate(List.of(prompts.get(2))).get(0)) {
      int[] seq = new int[h.tokens().length];
      seq[0] = -1;
      System.arraycopy(h.tokens(), 0, seq, 1, seq.length - 1);
      Set<String> bigrams = new HashSet<>();
      for (int j = 0; j + 1 < seq.length; j++) {
        assertTrue(bigrams.add(seq[j] + "," + seq[j + 1]), "repeated bigram in " + Arrays.toString(h.tokens()));
      }
    }
  }

  @Test
  void samplingIsSeededAndTopOneIsGreedy() {
    TransformerLanguageModel m = model(true);
    List<List<Hypothesis>> a = new SequenceGenerator(m, config(2, 2, 10, 0, true, -1), Dictionary.EOS).generate(prompts);
    List<List<Hypothesis>> b = new SequenceGenerator(m, config(2, 2, 10, 0, true, -1), Dictionary.EOS).generate(prompts);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      for (int j = 0; j < 2; j++) {
        assertArrayEquals(a.get(i).get(j).tokens(), b.get(i).get(j).tokens(), "same seed, same samples");
        texts.add(Arrays.toString(a.get(i).get(j).tokens()));
        double[] expected = bruteForce(m, a.get(i).get(j).tokens());
        assertEquals(expected[expected.length - 1], a.get(i).get(j).positionalScores()[expected.length - 1], 1e-10);
      }
    }
    assertNotEquals(1, new HashSet<>(texts).size());
    Hypothesis top1 = new SequenceGenerator(m, config(1, 1, 10, 0, true, 1), Dictionary.EOS)
        .generate(List.of(prompts.get(0))).get(0).get(0);
    Hypothesis greedy = new SequenceGenerator(m, config(1, 1, 10, 0, false, -1), Dictionary.EOS)
        .generate(List.of(prompts.get(0))).get(0).get(0);
    assertArrayEquals(greedy.tokens(), top1.tokens());
  }
}
