// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.util.Locale;
import org.leapseq.core.LeapseqException;

/** SentencePiece model types fairseq's {@code gen_vocab} offers ({@code --vocab-type}). */
public enum VocabType {
  UNIGRAM, BPE, CHAR;

  /** spm_train's {@code --model_type} value. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * fairseq's file prefix: {@code spm_<type><size>_<task>}, without the size for char models
   * ({@code spm_char_st}).
   */
  public String prefix(int vocabSize, S2tTask task) {
    return "spm_" + id() + (this == CHAR ? "" : Integer.toString(vocabSize)) + "_" + task.id();
  }

  public static VocabType parse(String s) {
    for (VocabType t : values()) {
      if (t.id().equals(s)) {
        return t;
      }
    }
    throw new LeapseqException("unknown vocabulary type '" + s + "', expected unigram, bpe or char");
  }
}
