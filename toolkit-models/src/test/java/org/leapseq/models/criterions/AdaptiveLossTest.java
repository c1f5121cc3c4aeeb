// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Registry;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.models.adaptive.AdaptiveSoftmax;
import org.leapseq.models.lm.TinyLms;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.nd4j.linalg.api.ndarray.INDArray;

class AdaptiveLossTest {
  private static final int WIDTH = 4;
  private static final int[] SOURCE = {2, 5, 12, 3, 9, 7, 13, 1};
  private static final double LN2 = Math.log(2);

  private static INDArray logProbs(TransformerLanguageModel m, int[] source) {
    try (NoGrad ignored = NoGrad.enter()) {
      AdaptiveSoftmax as = m.adaptiveSoftmax().orElseThrow();
      return as.getLogProb(m.features(source, WIDTH)).value();
    }
  }

  @Test
  void lossIsTheSummedNllOfTheNonPadTargets() {
    TransformerLanguageModel m = TinyLms.adaptive(1);
    m.eval();
    // no tail target at cluster-local id 1 (= pad): 6 - 4, 12 - 9, 13 - 9, 11 - 9, 7 - 4
    int[] target = {6, 12, 3, 0, 7, 13, 11, 1};
    Criterion.Result r = new AdaptiveLoss(new AdaptiveLoss.Config()).compute(m, SOURCE, target, WIDTH);
    INDArray lp = logProbs(m, SOURCE);
    double expected = 0;
    for (int n = 0; n < target.length; n++) {
      if (target[n] != TinyLms.PAD) {
        expected -= lp.getDouble(n / WIDTH, n % WIDTH, target[n]);
      }
    }
    assertEquals(expected, r.loss().item(), 1e-10);
    assertEquals(7.0, r.sampleSize());
    assertEquals(Map.of("loss", r.loss().item(), "nll_loss", r.loss().item(), "ntokens", 7.0, "nsentences", 2.0,
        "sample_size", 7.0), r.logging());
  }

  @Test
  void theIgnoreIndexAlsoDropsTheTailWordAtPaddingOffsetAsFairseqDoes() {
    TransformerLanguageModel m = TinyLms.adaptive(2);
    m.eval();
    // cutoffs 4, 9, 14: token 10 is local id 1 == pad in cluster 2, so only its class term counts
    int[] target = {10, 1, 1, 1, 1, 1, 1, 1};
    double loss = new AdaptiveLoss(new AdaptiveLoss.Config()).compute(m, SOURCE, target, WIDTH).loss().item();
    INDArray lp = logProbs(m, SOURCE);
    double classLogProb = Math.log(sumExp(lp, 9, 14));
    assertEquals(-classLogProb, loss, 1e-10);
    assertTrue(Math.abs(-lp.getDouble(0, 0, 10) - loss) > 1e-3, "the full nll would differ");
  }

  private static double sumExp(INDArray lp, int from, int to) {
    double s = 0;
    for (int v = from; v < to; v++) {
      s += Math.exp(lp.getDouble(0, 0, v));
    }
    return s;
  }

  @Test
  void sentenceAveragingChangesOnlyTheSampleSize() {
    TransformerLanguageModel m = TinyLms.adaptive(3);
    m.eval();
    int[] target = {5, 12, 3, 0, 7, 13, 11, 1};
    Criterion.Result r = new AdaptiveLoss(new AdaptiveLoss.Config(true)).compute(m, SOURCE, target, WIDTH);
    assertEquals(2.0, r.sampleSize());
    assertEquals(2.0, r.logging().get("sample_size"));
  }

  @Test
  void reduceFollowsFairseqsReduceMetrics() {
    // fairseq logs loss/nll_loss rounded to 3 digits and ppl = 2^avg (from the unrounded average) to 2 digits;
    // 10 nats over 5 tokens = 2.88539 bits, 2^2.88539 = e^2 = 7.389
    AdaptiveLoss c = new AdaptiveLoss(new AdaptiveLoss.Config());
    Map<String, Double> tokens = c.reduce(Map.of("loss", 10.0, "ntokens", 5.0, "nsentences", 2.0,
        "sample_size", 5.0));
    assertEquals(2.885, tokens.get("loss"), 0.0);
    assertEquals(7.39, tokens.get("ppl"), 0.0);
    assertFalse(tokens.containsKey("nll_loss"));
    Map<String, Double> sentences = c.reduce(Map.of("loss", 10.0, "ntokens", 5.0, "nsentences", 2.0,
        "sample_size", 2.0));
    assertEquals(7.213, sentences.get("loss"), 0.0);
    assertEquals(2.885, sentences.get("nll_loss"), 0.0);
    assertEquals(7.39, sentences.get("ppl"), 0.0);
  }

  @Test
  void needsAnAdaptiveSoftmaxAndRegistersByName() {
    LeapseqException e = assertThrows(LeapseqException.class, () -> new AdaptiveLoss(new AdaptiveLoss.Config())
        .compute(TinyLms.fullSoftmax(0), SOURCE, SOURCE, WIDTH));
    assertTrue(e.getMessage().contains("--adaptive-softmax-cutoff"), e.getMessage());
    Registry<Criterion> r = new Registry<>("criterion");
    AdaptiveLoss.register(r);
    assertTrue(r.create(AdaptiveLoss.NAME, new AdaptiveLoss.Config()) instanceof AdaptiveLoss);
  }
}
