// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.leapseq.data.corpus.Split;

/** The pairs of each split, in output order. */
public record ParallelSplits(List<ParallelPair> train, List<ParallelPair> valid, List<ParallelPair> test) {
  public ParallelSplits {
    train = List.copyOf(train);
    valid = List.copyOf(valid);
    test = List.copyOf(test);
  }

  /** The pairs of one split. */
  public List<ParallelPair> get(Split split) {
    return switch (split) {
      case TRAIN -> train;
      case VALID -> valid;
      case TEST -> test;
    };
  }

  /** Pairs in their split, in arrival order. */
  static ParallelSplits of(Map<Split, List<ParallelPair>> bySplit) {
    Map<Split, List<ParallelPair>> m = new EnumMap<>(Split.class);
    for (Split s : Split.values()) {
      m.put(s, bySplit.getOrDefault(s, List.of()));
    }
    return new ParallelSplits(m.get(Split.TRAIN), m.get(Split.VALID), m.get(Split.TEST));
  }
}
