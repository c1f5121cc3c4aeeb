// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import java.nio.file.Path;
import org.leapseq.core.LeapseqException;

/** One-line errors about a safetensors file, and the quoting that keeps names from the file on one line. */
final class FileErrors {
  private FileErrors() {}

  /** {@code <file>: not a valid safetensors file: <reason>}. */
  static LeapseqException invalid(Path file, String format, Object... args) {
    return new LeapseqException(file + ": not a valid safetensors file: " + oneLine(String.format(format, args)));
  }

  /** {@code s} in double quotes, with quotes, backslashes and control characters escaped. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** {@code s} with every run of line breaks, other control characters and spaces turned into one space. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("[\\p{Cntrl}\\s\\u0085\\u2028\\u2029]+", " ").trim();
  }
}
