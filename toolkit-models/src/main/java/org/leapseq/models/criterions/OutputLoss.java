// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import org.leapseq.core.tensor.CrossEntropy;
import org.leapseq.core.tensor.LinearCrossEntropy;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.lm.LanguageModel;

/**
 * The cross-entropy of a batch's targets under the model's output layer: through {@link LinearCrossEntropy},
 * which never holds the [N, V] logits, when the model predicts with a plain bias-free projection
 * ({@link LanguageModel#outputWeight()}), else {@link CrossEntropy} over {@link LanguageModel#logits}.
 */
final class OutputLoss {
  /** Whether the caller needs the argmax hits (the fused path counts them anyway, at the cost of one pass). */
  enum Accuracy { SKIP, COUNT }

  /** loss and nll as in {@link CrossEntropy.Result}; correct/total: argmax hits over the non-pad targets. */
  record Scores(Tensor loss, Tensor nll, long correct, long total) {}

  private OutputLoss() {}

  /** Scores batch {@code b} of {@code model} with label smoothing {@code eps}, pad ignored, summed. */
  static Scores of(LanguageModel model, Batch b, double eps, Accuracy accuracy) {
    int pad = model.paddingIdx();
    var cfg = new CrossEntropy.Config(eps, pad, CrossEntropy.Reduction.SUM);
    long total = countScored(b, pad);
    var weight = model.outputWeight();
    if (weight.isPresent()) {
      var r = LinearCrossEntropy.loss(b.features(), weight.get(), b.targets(), cfg);
      return new Scores(r.loss(), r.nll(), r.correct(), total);
    }
    Tensor logits = model.logits(b.features());
    var r = CrossEntropy.loss(logits, b.targets(), cfg);
    long correct = accuracy == Accuracy.COUNT
        ? LabelSmoothedCrossEntropyCriterion.accuracy(logits.value(), b.targets(), pad)[0] : 0;
    return new Scores(r.loss(), r.nll(), correct, total);
  }

  private static long countScored(Batch b, int pad) {
    long n = 0;
    for (int t : b.targets().reshape(-1).toIntVector()) {
      n += t != pad ? 1 : 0;
    }
    return n;
  }
}
