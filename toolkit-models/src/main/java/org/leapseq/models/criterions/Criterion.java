// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import java.util.Map;
import org.leapseq.core.metrics.Metrics;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.lm.LanguageModel;

/**
 * A training objective over one batch of language-model rows, as fairseq's criterions: {@link #compute} returns
 * the summed loss to back-propagate and the logging outputs of the batch; {@link #reduce} turns the summed
 * logging outputs of many batches into the logged metrics (loss in base 2, ppl, ...).
 */
public interface Criterion {
  /**
   * Runs the model on {@code source} ([B, T] row-major, right-padded) and scores {@code target} (same layout, pad
   * where nothing is predicted). The loss is a sum over target tokens in nats (fairseq's {@code reduce=True}).
   */
  Result compute(LanguageModel model, int[] source, int[] target, int width);

  /** Metrics from summed logging outputs (keys as fairseq logs them: loss, nll_loss, ppl, accuracy...). */
  Map<String, Double> reduce(Map<String, Double> summedLogging);

  /**
   * Logs the metrics of summed logging outputs into the active aggregators of {@code metrics}, with fairseq's
   * weights, priorities and rounding, so averages over many calls are fairseq's (its {@code reduce_metrics}).
   * The default logs {@link #reduce}'s values as unweighted scalars; fairseq's criterions override it.
   */
  default void reduceMetrics(Map<String, Double> summedLogging, Metrics metrics) {
    reduce(summedLogging).forEach(metrics::logScalar);
  }

  /**
   * @param loss the scalar to back-propagate (summed, natural log)
   * @param sampleSize what the gradient is divided by (fairseq: ntokens for LM criterions)
   * @param logging the batch's logging outputs (loss, nll_loss, ntokens, nsentences, sample_size, ...), summable
   */
  record Result(Tensor loss, double sampleSize, Map<String, Double> logging) {}
}
