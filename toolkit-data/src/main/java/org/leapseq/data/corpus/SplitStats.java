// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

/** The counts of the three files one {@link CorpusBuilder#build} call wrote. */
public record SplitStats(SplitCounts train, SplitCounts valid, SplitCounts test) {
  /** The counts of one split. */
  public SplitCounts get(Split split) {
    return switch (split) {
      case TRAIN -> train;
      case VALID -> valid;
      case TEST -> test;
    };
  }

  /** The sum over all three splits. */
  public SplitCounts total() {
    return train.plus(valid).plus(test);
  }
}
