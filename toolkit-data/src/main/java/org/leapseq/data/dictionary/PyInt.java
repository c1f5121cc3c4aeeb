// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.dictionary;

import org.leapseq.data.text.PyWhitespace;

/**
 * Python's {@code int(str)} for base 10, as {@code dict.txt} counts are parsed: surrounding Python whitespace is
 * ignored, an optional sign, then decimal digits (any Unicode decimal digit) with single underscores allowed
 * between digits.
 */
final class PyInt {
  private PyInt() {}

  /** The value; {@link NumberFormatException} if Python would reject it, {@link ArithmeticException} past long. */
  static long parse(String s) {
    int end = s.length();
    while (end > 0 && PyWhitespace.isSpace(s.charAt(end - 1))) {
      end--;
    }
    int i = 0;
    while (i < end && PyWhitespace.isSpace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long value = 0;
    boolean lastWasDigit = false;
    int digits = 0;
    while (i < end) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '_' && lastWasDigit) {
        lastWasDigit = false;
        continue;
      }
      int d = Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(cp, 10) : -1;
      if (d < 0) {
        throw new NumberFormatException(s);
      }
      value = Math.addExact(Math.multiplyExact(value, 10), negative ? -d : d);
      lastWasDigit = true;
      digits++;
    }
    if (digits == 0 || !lastWasDigit) {
      throw new NumberFormatException(s);
    }
    return value;
  }
}
