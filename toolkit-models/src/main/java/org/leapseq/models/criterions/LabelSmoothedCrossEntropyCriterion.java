// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.leapseq.core.metrics.Metrics;
import org.leapseq.core.metrics.Perplexity;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.models.lm.LanguageModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * fairseq's {@code label_smoothed_cross_entropy}: loss = (1 - eps - eps_i) nll + eps_i smooth with
 * eps_i = eps / (V - 1) over the non-pad targets (after {@code --ignore-prefix-size}), in nats; logs the
 * unsmoothed nll_loss too, and n_correct / total with {@code --report-accuracy}.
 */
public final class LabelSmoothedCrossEntropyCriterion implements Criterion {
  private final LabelSmoothedCrossEntropyCriterionConfig cfg;

  public LabelSmoothedCrossEntropyCriterion(LabelSmoothedCrossEntropyCriterionConfig cfg) {
    this.cfg = cfg;
  }

  public LabelSmoothedCrossEntropyCriterionConfig config() {
    return cfg;
  }

  @Override
  public Result compute(LanguageModel model, int[] source, int[] target, int width) {
    Batch b = Batch.of(model, source, target, width, cfg.ignorePrefixSize());
    OutputLoss.Scores ce = OutputLoss.of(model, b, cfg.labelSmoothing(),
        cfg.reportAccuracy() ? OutputLoss.Accuracy.COUNT : OutputLoss.Accuracy.SKIP);
    double sampleSize = b.sampleSize(cfg.sentenceAvg());
    Map<String, Double> logging = new LinkedHashMap<>();
    logging.put("loss", ce.loss().item());
    logging.put("nll_loss", ce.nll().item());
    logging.put("ntokens", (double) b.ntokens());
    logging.put("nsentences", (double) b.rows());
    logging.put("sample_size", sampleSize);
    if (cfg.reportAccuracy()) {
      logging.put("n_correct", (double) ce.correct());
      logging.put("total", (double) ce.total());
    }
    return new Result(ce.loss(), sampleSize, logging);
  }

  /** logits [B, T, V], targets [B, T] -> {argmax hits, scored targets} over the non-pad targets. */
  static long[] accuracy(INDArray logits, INDArray targets, int pad) {
    try (NoGrad ng = NoGrad.enter()) {
      long v = logits.size(-1);
      int[] best = Nd4j.argMax(logits.reshape(-1, v), 1).toIntVector();
      int[] t = targets.reshape(-1).toIntVector();
      long correct = 0;
      long total = 0;
      for (int i = 0; i < t.length; i++) {
        if (t[i] != pad) {
          total++;
          correct += best[i] == t[i] ? 1 : 0;
        }
      }
      return new long[] {correct, total};
    }
  }

  @Override
  public Map<String, Double> reduce(Map<String, Double> summedLogging) {
    return Criterions.reduceWith(this, summedLogging);
  }

  /**
   * fairseq's {@code reduce_metrics}: loss/sample_size/ln 2 and nll_loss/ntokens/ln 2 (3 digits, weighted),
   * ppl = 2^nll_loss; with a positive total also total, n_correct and accuracy = 100 n_correct / total
   * (3 digits) from the sums.
   */
  @Override
  public void reduceMetrics(Map<String, Double> summed, Metrics metrics) {
    double loss = summed.getOrDefault("loss", 0.0);
    double nll = summed.getOrDefault("nll_loss", 0.0);
    double ntokens = summed.getOrDefault("ntokens", 0.0);
    double sampleSize = summed.getOrDefault("sample_size", 0.0);
    metrics.logScalar("loss", loss / sampleSize / CrossEntropyCriterion.LN2, sampleSize, 10, 3);
    metrics.logScalar("nll_loss", nll / ntokens / CrossEntropyCriterion.LN2, ntokens, 10, 3);
    metrics.logDerived("ppl", m -> Perplexity.base2(m.average("nll_loss").avg()), 20);
    double total = summed.getOrDefault("total", 0.0);
    if (total > 0) {
      metrics.logScalar("total", total);
      metrics.logScalar("n_correct", summed.getOrDefault("n_correct", 0.0));
      metrics.logDerived("accuracy", m -> {
        double t = m.average("total").sum();
        return t > 0 ? Criterions.round3(m.average("n_correct").sum() * 100.0 / t) : Double.NaN;
      }, 20);
    }
  }
}
