// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.util.Locale;
import org.leapseq.core.LeapseqException;

/** What the manifests' {@code tgt_text} holds: the transcript (asr) or the translation (st). */
public enum S2tTask {
  ASR {
    @Override
    public String text(SpeechSegment s) {
      return s.srcText();
    }
  },
  ST {
    @Override
    public String text(SpeechSegment s) {
      return s.tgtText();
    }
  };

  /** The manifest's {@code tgt_text} for {@code s}. */
  public abstract String text(SpeechSegment s);

  /** The name in file names: {@code asr} or {@code st}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static S2tTask parse(String s) {
    return switch (s) {
      case "asr" -> ASR;
      case "st" -> ST;
      default -> throw new LeapseqException("unknown task '" + s + "', expected asr or st");
    };
  }
}
