// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import java.util.regex.Pattern;
import org.leapseq.data.text.PyWhitespace;

/**
 * The natural-language filter for UI strings (DATA.md 3.2): {@link #clean} removes menu mnemonics ({@code _File},
 * {@code ~File}, {@code &File}: a {@code _ ~ &} not after a word character and before one) and collapses whitespace;
 * {@link #natural} keeps 3 to 60 words, no {@code % { } < > \ $ | = @ #}, no {@code ~x}, {@code -x}/{@code --x}
 * options, no identifiers ({@code a_b}, {@code a.b}, {@code ::}), at least 70% letters among the non-space
 * characters, a lowercase ASCII letter, and a target 0.5 to 2.5 times as long. Word characters and letters are
 * Unicode's, lengths count code points, as in Python.
 */
final class NaturalFilter {
  private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;
  private static final Pattern MNEMONIC = Pattern.compile("(?<!\\w)[_~&](?=\\w)", FLAGS);
  private static final Pattern CODE = Pattern.compile("[%{}<>\\\\$|=@#]|~[a-z]|--?[a-z]|_\\w|\\w_|\\w\\.\\w|::", FLAGS);
  private static final Pattern LOWER = Pattern.compile("[a-z]");

  private NaturalFilter() {}

  /** The string without mnemonics, whitespace collapsed. */
  static String clean(String s) {
    return String.join(" ", PyWhitespace.split(MNEMONIC.matcher(s).replaceAll("")));
  }

  /** True when the cleaned pair looks like a natural-language sentence and its translation. */
  static boolean natural(String s, String t) {
    int words = PyWhitespace.split(s).size();
    if (words < 3 || words > 60 || CODE.matcher(s).find()) {
      return false;
    }
    long letters = s.codePoints().filter(Character::isLetter).count();
    long nonSpace = s.codePoints().filter(c -> c != ' ').count();
    if (letters < 0.7 * nonSpace || !LOWER.matcher(s).find()) {
      return false;
    }
    double r = (double) t.codePointCount(0, t.length()) / Math.max(1, s.codePointCount(0, s.length()));
    return 0.5 < r && r < 2.5;
  }
}
