// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.encoders;

import org.leapseq.data.text.PyWhitespace;

/**
 * fairseq's {@code space} tokenizer: every run of (Python) whitespace becomes one space; the ends are kept, as
 * fairseq's {@code re.sub(r"\s+", " ", x)} keeps them. Decoding returns the text unchanged.
 */
public final class SpaceTokenizer implements Tokenizer {
  /** It takes no options. */
  public record Config() {}

  public SpaceTokenizer(Config config) {}

  @Override
  public String encode(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean inSpace = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (PyWhitespace.isSpace(cp)) {
        if (!inSpace) {
          sb.append(' ');
        }
        inSpace = true;
      } else {
        sb.appendCodePoint(cp);
        inSpace = false;
      }
    }
    return sb.toString();
  }

  @Override
  public String decode(String text) {
    return text;
  }
}
