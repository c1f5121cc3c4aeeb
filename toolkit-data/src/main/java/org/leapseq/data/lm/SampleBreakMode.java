// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.leapseq.core.LeapseqException;

/** fairseq's {@code --sample-break-mode}: how {@link TokenBlocks} cuts the token stream into blocks. */
public enum SampleBreakMode {
  /** Fixed {@code tokens_per_sample} slices of the whole stream, crossing sentence boundaries. */
  NONE("none"),
  /** Whole sentences packed greedily up to {@code tokens_per_sample}; a longer sentence is a block alone. */
  COMPLETE("complete"),
  /** Like {@link #COMPLETE}, but an empty line (an item of just {@code </s>}) ends a document and a block. */
  COMPLETE_DOC("complete_doc"),
  /** One sentence per block; {@code tokens_per_sample} is ignored. */
  EOS("eos");

  private final String fairseqName;

  SampleBreakMode(String fairseqName) {
    this.fairseqName = fairseqName;
  }

  /** The command-line spelling, such as {@code complete_doc}. */
  public String fairseqName() {
    return fairseqName;
  }

  /** Parses fairseq's spelling; null is {@link #NONE} like fairseq's {@code None}. */
  public static SampleBreakMode parse(String name) {
    if (name == null) {
      return NONE;
    }
    for (SampleBreakMode m : values()) {
      if (m.fairseqName.equals(name)) {
        return m;
      }
    }
    throw LeapseqException.of("Invalid break_mode: %s (expected one of %s)", name,
        Arrays.stream(values()).map(SampleBreakMode::fairseqName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return fairseqName;
  }
}
