// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.util.List;

/** A named split of utterances in corpus order. */
public record S2tSplit(String name, List<SpeechSegment> segments) {
  public S2tSplit {
    segments = List.copyOf(segments);
  }

  /** fairseq's {@code is_train_split = split.startswith("train")}. */
  public boolean isTrain() {
    return name.startsWith("train");
  }
}
