// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.spm;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The committed SentencePiece fixtures in {@code src/test/resources/spm} (see make_expected.py there). */
final class SpmFixtures {
  private SpmFixtures() {}

  static Path file(String name) {
    try {
      return Path.of(SpmFixtures.class.getResource("/spm/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource spm/" + name, e);
    }
  }

  /** {@code \\t} back to a tab and {@code \\\\} back to a backslash, as make_expected.py escaped them. */
  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 't' ? '\t' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
