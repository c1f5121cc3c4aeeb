// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Registry;
import org.leapseq.core.metrics.Metrics;
import org.leapseq.core.tensor.CrossEntropy;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.adaptive.AdaptiveSoftmax;
import org.leapseq.models.lm.LanguageModel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * fairseq's {@code adaptive_loss}: the summed cross-entropy of the adaptive softmax head over every row plus each
 * tail cluster over the rows whose target falls in it, each with {@code ignore_index = padding_idx}. As in fairseq
 * the ignore index applies to the remapped cluster-local targets too, so in every tail cluster the word
 * {@code cutoff[i] + padding_idx} contributes only its head (class) term. {@code sample_size} is ntokens (non-pad
 * targets), or nsentences with {@code --sentence-avg}.
 */
public final class AdaptiveLoss implements Criterion {
  /** The criterion's registry name. */
  public static final String NAME = "adaptive_loss";

  /** @param sentenceAvg {@code --sentence-avg}: normalise gradients by sentences instead of tokens */
  public record Config(boolean sentenceAvg) {
    /** fairseq's default: token averaging. */
    public Config() {
      this(false);
    }
  }

  private final Config cfg;

  /** Builds the criterion. */
  public AdaptiveLoss(Config cfg) {
    this.cfg = cfg;
  }

  /** Registers {@code adaptive_loss} with its {@link Config}. */
  public static void register(Registry<Criterion> registry) {
    registry.register(NAME, Config.class, AdaptiveLoss::new);
  }

  @Override
  public Result compute(LanguageModel model, int[] source, int[] target, int width) {
    AdaptiveSoftmax softmax = model.adaptiveSoftmax().orElseThrow(() -> new LeapseqException(
        "--criterion adaptive_loss needs a model with an adaptive softmax (--adaptive-softmax-cutoff)"));
    int pad = model.paddingIdx();
    List<AdaptiveSoftmax.Piece> pieces = softmax.forward(model.features(source, width), target);
    CrossEntropy.Config ce = new CrossEntropy.Config(0.0, pad, CrossEntropy.Reduction.SUM);
    Tensor loss = null;
    for (AdaptiveSoftmax.Piece piece : pieces) {
      Tensor l = CrossEntropy.loss(piece.logits(), Nd4j.createFromArray(piece.targets()), ce).loss();
      loss = loss == null ? l : loss.add(l);
    }
    int ntokens = 0;
    for (int t : target) {
      ntokens += t != pad ? 1 : 0;
    }
    int nsentences = target.length / width;
    double sampleSize = cfg.sentenceAvg() ? nsentences : ntokens;
    Map<String, Double> logging = new LinkedHashMap<>();
    logging.put("loss", loss.item());
    logging.put("nll_loss", loss.item());
    logging.put("ntokens", (double) ntokens);
    logging.put("nsentences", (double) nsentences);
    logging.put("sample_size", sampleSize);
    return new Result(loss, sampleSize, logging);
  }

  /**
   * fairseq's {@code reduce_metrics}: {@code loss = loss_sum / sample_size / ln 2}; when sample_size differs from
   * ntokens also {@code nll_loss = loss_sum / ntokens / ln 2} and {@code ppl = 2^nll_loss}, else
   * {@code ppl = 2^loss}. Values are unrounded (fairseq rounds to 3 decimals only for display).
   */
  @Override
  public Map<String, Double> reduce(Map<String, Double> summed) {
    return Criterions.reduceWith(this, summed);
  }

  /** fairseq's adaptive_loss {@code reduce_metrics}: the same as cross_entropy's. */
  @Override
  public void reduceMetrics(Map<String, Double> summed, Metrics metrics) {
    CrossEntropyCriterion.logLossMetrics(summed, metrics);
  }
}
