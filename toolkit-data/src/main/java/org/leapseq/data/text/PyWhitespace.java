// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str.isspace()} set, used by {@code str.split()}, {@code str.strip()} and fairseq's
 * {@code tokenize_line}: exactly 29 code points, namely U+0009..U+000D, U+001C..U+001F, U+0020, U+0085, U+00A0,
 * U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and U+3000. This differs from both Java's regex
 * {@code \s} and {@link Character#isWhitespace}; for example U+200B and U+180E are not spaces here.
 */
public final class PyWhitespace {
  /** Bit i is set when code point i (below 64) is a space. */
  private static final long LOW_MASK =
      (0x1FL << 9) | (0xFL << 28) | (1L << 32); // \t..\r, \x1c..\x1f, space

  private PyWhitespace() {}

  /** Whether {@code codePoint} is whitespace to Python's {@code str.split()}. */
  public static boolean isSpace(int codePoint) {
    if (codePoint < 64) {
      return codePoint >= 0 && ((LOW_MASK >>> codePoint) & 1L) != 0;
    }
    if (codePoint < 0x85) {
      return false;
    }
    return codePoint == 0x85
        || codePoint == 0xA0
        || codePoint == 0x1680
        || (codePoint >= 0x2000 && codePoint <= 0x200A)
        || codePoint == 0x2028
        || codePoint == 0x2029
        || codePoint == 0x202F
        || codePoint == 0x205F
        || codePoint == 0x3000;
  }

  /**
   * Python's {@code s.split()} with no argument: the maximal runs of non-space characters, in order. This is also
   * fairseq's {@code tokenize_line}. For a hot loop use {@link WordSplitter}, which reuses its storage.
   */
  public static List<String> split(CharSequence s) {
    List<String> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.subSequence(start, i).toString());
      }
    }
    return out;
  }

  /** Python's {@code s.rstrip()}: drops trailing whitespace. */
  public static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Python's {@code s.strip()}: drops leading and trailing whitespace. */
  public static String strip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    int start = 0;
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    return s.substring(start, end);
  }
}
