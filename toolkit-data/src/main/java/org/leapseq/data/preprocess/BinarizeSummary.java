// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.preprocess;

/**
 * What binarizing one file produced.
 *
 * @param sequences lines
 * @param tokens token ids written, one {@code </s>} per line included
 * @param replaced tokens mapped to {@code <unk>} that were not literally {@code <unk>}
 */
public record BinarizeSummary(long sequences, long tokens, long replaced) {
  /** The sum of two summaries (for merging workers). */
  public BinarizeSummary plus(BinarizeSummary o) {
    return new BinarizeSummary(sequences + o.sequences, tokens + o.tokens, replaced + o.replaced);
  }
}
