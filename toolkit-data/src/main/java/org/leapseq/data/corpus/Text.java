// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

/** Whitespace handling with Python's {@code str.isspace()} semantics, so counts match {@code len(line.split())}. */
final class Text {
  private Text() {}

  /** True for the characters Python's {@code str.split()} with no argument splits on. */
  static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
    }
    return c == '\u0085' || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a')
        || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
  }

  /** {@code s.rstrip()}. */
  static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** {@code len(s.split())}. */
  static int countTokens(String s) {
    int n = 0;
    boolean inToken = false;
    for (int i = 0; i < s.length(); i++) {
      boolean space = isSpace(s.charAt(i));
      if (!space && !inToken) {
        n++;
      }
      inToken = !space;
    }
    return n;
  }
}
