// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.leapseq.core.metrics.Metrics;
import org.leapseq.core.metrics.Perplexity;
import org.leapseq.models.lm.LanguageModel;

/**
 * fairseq's {@code cross_entropy}: the summed negative log-likelihood of the non-pad targets in nats, with
 * sample_size = ntokens (nsentences with {@code --sentence-avg}); logs loss, ntokens, nsentences, sample_size.
 */
public final class CrossEntropyCriterion implements Criterion {
  static final double LN2 = Math.log(2);
  private final CrossEntropyCriterionConfig cfg;

  public CrossEntropyCriterion(CrossEntropyCriterionConfig cfg) {
    this.cfg = cfg;
  }

  public CrossEntropyCriterionConfig config() {
    return cfg;
  }

  @Override
  public Result compute(LanguageModel model, int[] source, int[] target, int width) {
    Batch b = Batch.of(model, source, target, width, 0);
    OutputLoss.Scores ce = OutputLoss.of(model, b, 0.0, OutputLoss.Accuracy.SKIP);
    double sampleSize = b.sampleSize(cfg.sentenceAvg());
    Map<String, Double> logging = new LinkedHashMap<>();
    logging.put("loss", ce.loss().item());
    logging.put("ntokens", (double) b.ntokens());
    logging.put("nsentences", (double) b.rows());
    logging.put("sample_size", sampleSize);
    return new Result(ce.loss(), sampleSize, logging);
  }

  @Override
  public Map<String, Double> reduce(Map<String, Double> summedLogging) {
    return Criterions.reduceWith(this, summedLogging);
  }

  /**
   * fairseq's {@code reduce_metrics}: loss = loss/sample_size/ln 2 weighted by sample_size (3 digits); when
   * sample_size is not ntokens also nll_loss = loss/ntokens/ln 2 weighted by ntokens; ppl = 2^nll_loss (or
   * 2^loss), 2 digits, derived from the averages.
   */
  @Override
  public void reduceMetrics(Map<String, Double> summed, Metrics metrics) {
    logLossMetrics(summed, metrics);
  }

  /** The loss/nll_loss/ppl logging shared by the LM criterions (cross_entropy, adaptive_loss). */
  static void logLossMetrics(Map<String, Double> summed, Metrics metrics) {
    double loss = summed.getOrDefault("loss", 0.0);
    double ntokens = summed.getOrDefault("ntokens", 0.0);
    double sampleSize = summed.getOrDefault("sample_size", 0.0);
    metrics.logScalar("loss", loss / sampleSize / LN2, sampleSize, 10, 3);
    if (sampleSize != ntokens) {
      metrics.logScalar("nll_loss", loss / ntokens / LN2, ntokens, 10, 3);
      metrics.logDerived("ppl", m -> Perplexity.base2(m.average("nll_loss").avg()), 20);
    } else {
      metrics.logDerived("ppl", m -> Perplexity.base2(m.average("loss").avg()), 20);
    }
  }
}
