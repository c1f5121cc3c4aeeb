// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.util.Locale;
import org.leapseq.core.LeapseqException;

/** fairseq's {@code --cmvn-type}: per-utterance normalisation, or global statistics from the training split. */
public enum CmvnType {
  UTTERANCE, GLOBAL;

  /** The transform's name in config.yaml: {@code utterance_cmvn} or {@code global_cmvn}. */
  public String transform() {
    return name().toLowerCase(Locale.ROOT) + "_cmvn";
  }

  public static CmvnType parse(String s) {
    return switch (s) {
      case "utterance" -> UTTERANCE;
      case "global" -> GLOBAL;
      default -> throw new LeapseqException("unknown CMVN type '" + s + "', expected utterance or global");
    };
  }
}
