// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import org.leapseq.core.Require;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.lm.LanguageModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One scored batch: the model's decoder features and the targets with pad where nothing is scored (after
 * {@code --ignore-prefix-size}), plus fairseq's counts. ntokens counts the non-pad targets of the batch as given
 * (the prefix is not subtracted, as in fairseq, where ntokens comes from the sample).
 */
record Batch(Tensor features, INDArray targets, int rows, int ntokens) {
  /** Runs {@code model} on {@code source} and lays out {@code target} ([B, T], width T) for the loss. */
  static Batch of(LanguageModel model, int[] source, int[] target, int width, int ignorePrefix) {
    Require.that(width > 0 && source.length % width == 0, "%d source ids are not rows of width %d",
        source.length, width);
    Require.that(target.length == source.length, "%d targets for %d source ids", target.length, source.length);
    Require.that(model.adaptiveSoftmax().isEmpty(), "this criterion needs full logits, not an adaptive softmax");
    int rows = source.length / width;
    int pad = model.paddingIdx();
    int[] scored = target.clone();
    int ntokens = 0;
    for (int i = 0; i < scored.length; i++) {
      if (target[i] != pad) {
        ntokens++;
      }
      if (i % width < ignorePrefix) {
        scored[i] = pad;
      }
    }
    Tensor features = model.features(source, width);
    return new Batch(features, Nd4j.createFromArray(scored).reshape(rows, width), rows, ntokens);
  }

  /** fairseq's sample_size: sentences with {@code --sentence-avg}, else target tokens. */
  double sampleSize(boolean sentenceAvg) {
    return sentenceAvg ? rows : ntokens;
  }
}
