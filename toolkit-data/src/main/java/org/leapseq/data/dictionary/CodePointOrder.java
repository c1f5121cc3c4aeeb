// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.dictionary;

import java.util.Comparator;

/**
 * Python's string order: by Unicode code point, not by UTF-16 unit as {@link String#compareTo} orders. The two
 * differ only when a supplementary character (a surrogate pair) meets a BMP character at or above U+E000.
 */
final class CodePointOrder implements Comparator<String> {
  static final CodePointOrder INSTANCE = new CodePointOrder();

  private CodePointOrder() {}

  @Override
  public int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return rank(x) - rank(y);
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF, keeping all other units in place relative to each other. */
  private static int rank(char c) {
    if (c >= 0xE000) {
      return c - 0x800;
    }
    return c >= 0xD800 ? c + 0x2000 : c;
  }
}
