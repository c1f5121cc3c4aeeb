// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

/**
 * fairseq's {@code CrossEntropyCriterionConfig}.
 *
 * @param sentenceAvg {@code --sentence-avg}: normalise gradients by sentences instead of target tokens
 */
public record CrossEntropyCriterionConfig(boolean sentenceAvg) {
  /** fairseq's default: per-token normalisation. */
  public static CrossEntropyCriterionConfig defaults() {
    return new CrossEntropyCriterionConfig(false);
  }
}
