// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import org.leapseq.core.Require;

/**
 * fairseq's {@code LabelSmoothedCrossEntropyCriterionConfig}.
 *
 * @param labelSmoothing {@code --label-smoothing} eps in [0, 1), 0 for none (fairseq's default)
 * @param reportAccuracy {@code --report-accuracy}: log n_correct, total and accuracy
 * @param ignorePrefixSize {@code --ignore-prefix-size}: target positions at the start of each row not scored
 * @param sentenceAvg {@code --sentence-avg}: normalise gradients by sentences instead of target tokens
 */
public record LabelSmoothedCrossEntropyCriterionConfig(
    double labelSmoothing, boolean reportAccuracy, int ignorePrefixSize, boolean sentenceAvg) {
  public LabelSmoothedCrossEntropyCriterionConfig {
    Require.that(labelSmoothing >= 0 && labelSmoothing < 1, "--label-smoothing %s not in [0, 1)", labelSmoothing);
    Require.that(ignorePrefixSize >= 0, "--ignore-prefix-size must be >= 0, got %d", ignorePrefixSize);
  }

  /** fairseq's defaults: no smoothing, no accuracy, no prefix, per-token normalisation. */
  public static LabelSmoothedCrossEntropyCriterionConfig defaults() {
    return new LabelSmoothedCrossEntropyCriterionConfig(0.0, false, 0, false);
  }

  public LabelSmoothedCrossEntropyCriterionConfig withLabelSmoothing(double eps) {
    return new LabelSmoothedCrossEntropyCriterionConfig(eps, reportAccuracy, ignorePrefixSize, sentenceAvg);
  }

  public LabelSmoothedCrossEntropyCriterionConfig withReportAccuracy(boolean on) {
    return new LabelSmoothedCrossEntropyCriterionConfig(labelSmoothing, on, ignorePrefixSize, sentenceAvg);
  }

  public LabelSmoothedCrossEntropyCriterionConfig withIgnorePrefixSize(int n) {
    return new LabelSmoothedCrossEntropyCriterionConfig(labelSmoothing, reportAccuracy, n, sentenceAvg);
  }

  public LabelSmoothedCrossEntropyCriterionConfig withSentenceAvg(boolean on) {
    return new LabelSmoothedCrossEntropyCriterionConfig(labelSmoothing, reportAccuracy, ignorePrefixSize, on);
  }
}
