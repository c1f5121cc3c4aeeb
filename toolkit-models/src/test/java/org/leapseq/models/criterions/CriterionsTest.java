// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Registry;
import org.leapseq.core.metrics.Metrics;
import org.leapseq.core.testing.ParamGradCheck;

class CriterionsTest {
  private static final int W = 4;
  private static final int[] SOURCE = {2, 3, 4, 5, 3, 2, 1, 1};
  private static final int[] TARGET = {3, 4, 5, 2, 2, 0, 1, 1};
  private static final double LN2 = Math.log(2);

  private final StubLm lm = new StubLm(11);

  /** Sum over scored positions of (1 - eps - eps/(V-1)) nll + eps/(V-1) smooth, in plain doubles. */
  private double handLoss(double eps, int prefix) {
    double epsI = eps / (StubLm.VOCAB - 1);
    double loss = 0;
    for (int i = 0; i < SOURCE.length; i++) {
      if (TARGET[i] != StubLm.PAD && i % W >= prefix) {
        double[] lp = lm.logProbsOf(SOURCE[i]);
        double smooth = 0;
        for (double x : lp) {
          smooth -= x;
        }
        loss += (1 - eps - epsI) * -lp[TARGET[i]] + epsI * smooth;
      }
    }
    return loss;
  }

  private static LabelSmoothedCrossEntropyCriterion smoothed(double eps) {
    return new LabelSmoothedCrossEntropyCriterion(
        LabelSmoothedCrossEntropyCriterionConfig.defaults().withLabelSmoothing(eps));
  }

  @Test
  void crossEntropyIsTheSummedNllOfNonPadTargets() {
    var r = new CrossEntropyCriterion(CrossEntropyCriterionConfig.defaults()).compute(lm, SOURCE, TARGET, W);
    double ref = handLoss(0, 0);
    assertEquals(ref, r.loss().item(), 1e-12);
    assertEquals(6.0, r.sampleSize());
    assertEquals(List.of("loss", "ntokens", "nsentences", "sample_size"), List.copyOf(r.logging().keySet()));
    assertEquals(ref, r.logging().get("loss"), 1e-12);
    assertEquals(6.0, r.logging().get("ntokens"));
    assertEquals(2.0, r.logging().get("nsentences"));
    var avg = new CrossEntropyCriterion(new CrossEntropyCriterionConfig(true)).compute(lm, SOURCE, TARGET, W);
    assertEquals(2.0, avg.sampleSize());
    assertEquals(2.0, avg.logging().get("sample_size"));
  }

  @Test
  void padTargetsContributeNothing() {
    int[] otherSource = SOURCE.clone();
    otherSource[6] = 5; // inputs under pad targets change, so their logits do
    otherSource[7] = 0;
    var ce = new CrossEntropyCriterion(CrossEntropyCriterionConfig.defaults());
    assertEquals(ce.compute(lm, SOURCE, TARGET, W).loss().item(),
        ce.compute(lm, otherSource, TARGET, W).loss().item(), 1e-14);
    int[] moreTargets = TARGET.clone();
    moreTargets[6] = 4;
    assertEquals(7.0, ce.compute(lm, SOURCE, moreTargets, W).logging().get("ntokens"));
  }

  @Test
  void labelSmoothingUsesEpsOverVMinusOneAndLogsTheUnsmoothedNll() {
    var r = smoothed(0.1).compute(lm, SOURCE, TARGET, W);
    assertEquals(handLoss(0.1, 0), r.loss().item(), 1e-12);
    assertEquals(handLoss(0, 0), r.logging().get("nll_loss"), 1e-12);
    assertEquals(
        List.of("loss", "nll_loss", "ntokens", "nsentences", "sample_size"), List.copyOf(r.logging().keySet()));
    var plain = smoothed(0).compute(lm, SOURCE, TARGET, W);
    assertEquals(handLoss(0, 0), plain.loss().item(), 1e-12);
  }

  @Test
  void accuracyAndIgnoredPrefix() {
    var cfg = LabelSmoothedCrossEntropyCriterionConfig.defaults().withReportAccuracy(true).withIgnorePrefixSize(1);
    var r = new LabelSmoothedCrossEntropyCriterion(cfg).compute(lm, SOURCE, TARGET, W);
    long correct = 0;
    for (int i = 0; i < SOURCE.length; i++) {
      if (TARGET[i] != StubLm.PAD && i % W >= 1) {
        double[] z = lm.logitsOf(SOURCE[i]);
        int best = 0;
        for (int v = 1; v < z.length; v++) {
          best = z[v] > z[best] ? v : best;
        }
        correct += best == TARGET[i] ? 1 : 0;
      }
    }
    assertEquals(4.0, r.logging().get("total"));
    assertEquals((double) correct, r.logging().get("n_correct"));
    assertEquals(6.0, r.logging().get("ntokens"), "ntokens comes from the sample, prefix included");
    assertEquals(handLoss(0, 1), r.loss().item(), 1e-12);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    var ce = new CrossEntropyCriterion(CrossEntropyCriterionConfig.defaults());
    ParamGradCheck.checkProjected(() -> ce.compute(lm, SOURCE, TARGET, W).loss(), lm.parameters());
    var ls = new LabelSmoothedCrossEntropyCriterion(
        LabelSmoothedCrossEntropyCriterionConfig.defaults().withLabelSmoothing(0.2).withIgnorePrefixSize(1));
    ParamGradCheck.checkProjected(() -> ls.compute(lm, SOURCE, TARGET, W).loss(), lm.parameters());
  }

  @Test
  void crossEntropyReducesToBaseTwoLossAndPerplexity() {
    var ce = new CrossEntropyCriterion(CrossEntropyCriterionConfig.defaults());
    Map<String, Double> tokens = ce.reduce(Map.of("loss", 20.0, "ntokens", 6.0, "nsentences", 2.0,
        "sample_size", 6.0));
    assertEquals(List.of("loss", "ppl"), List.copyOf(tokens.keySet()));
    assertEquals(4.809, tokens.get("loss")); // 20 / 6 / ln 2 = 4.80898...
    assertEquals(28.03, tokens.get("ppl")); // 2^4.80898 = e^(10/3) = 28.0316
    var sentences = new CrossEntropyCriterion(new CrossEntropyCriterionConfig(true));
    Map<String, Double> s = sentences.reduce(Map.of("loss", 20.0, "ntokens", 6.0, "sample_size", 2.0));
    assertEquals(List.of("loss", "nll_loss", "ppl"), List.copyOf(s.keySet()));
    assertEquals(14.427, s.get("loss"));
    assertEquals(4.809, s.get("nll_loss"));
    assertEquals(28.03, s.get("ppl"));
  }

  @Test
  void labelSmoothedReducesWithAccuracy() {
    Map<String, Double> summed = new HashMap<>(Map.of("loss", 22.0, "nll_loss", 20.0, "ntokens", 6.0,
        "sample_size", 6.0, "n_correct", 2.0, "total", 6.0));
    Map<String, Double> m = smoothed(0.1).reduce(summed);
    assertEquals(List.of("loss", "nll_loss", "total", "n_correct", "ppl", "accuracy"), List.copyOf(m.keySet()));
    assertEquals(5.29, m.get("loss")); // 22 / 6 / ln 2 = 5.28988..., 3 digits
    assertEquals(4.809, m.get("nll_loss"));
    assertEquals(28.03, m.get("ppl"));
    assertEquals(33.333, m.get("accuracy"));
    summed.remove("total");
    summed.remove("n_correct");
    assertEquals(List.of("loss", "nll_loss", "ppl"), List.copyOf(smoothed(0.1).reduce(summed).keySet()));
  }

  @Test
  void batchesAverageByTheirWeightsAndPplUsesTheUnroundedAverage() {
    var ce = new CrossEntropyCriterion(CrossEntropyCriterionConfig.defaults());
    Metrics metrics = new Metrics();
    Map<String, Double> a = new LinkedHashMap<>(Map.of("loss", 90 * LN2, "ntokens", 10.0, "sample_size", 10.0));
    Map<String, Double> b = new LinkedHashMap<>(Map.of("loss", 310.016 * LN2, "ntokens", 30.0,
        "sample_size", 30.0));
    try (Metrics.Scope s = metrics.aggregate("train")) {
      ce.reduceMetrics(a, metrics);
      ce.reduceMetrics(b, metrics);
    }
    Map<String, Double> v = metrics.smoothedValues("train");
    assertEquals(10.0, v.get("loss"), "400.016 bits over 40 tokens, not the mean of 9 and 10.334");
    assertEquals(1024.28, v.get("ppl"), "2^10.0004 from the unrounded average, not 2^10 = 1024");
  }

  @Test
  void registersUnderFairseqNames() {
    Registry<Criterion> r = new Registry<>("criterion");
    Criterions.registerAll(r);
    assertEquals(List.of("cross_entropy", "label_smoothed_cross_entropy"), r.names());
    assertInstanceOf(CrossEntropyCriterion.class, r.create("cross_entropy", CrossEntropyCriterionConfig.defaults()));
    assertInstanceOf(LabelSmoothedCrossEntropyCriterion.class,
        r.create("label_smoothed_cross_entropy", LabelSmoothedCrossEntropyCriterionConfig.defaults()));
    assertThrows(LeapseqException.class, () -> r.create("adaptive_loss", CrossEntropyCriterionConfig.defaults()));
    assertThrows(LeapseqException.class, () -> LabelSmoothedCrossEntropyCriterionConfig.defaults()
        .withLabelSmoothing(1.0));
  }
}
