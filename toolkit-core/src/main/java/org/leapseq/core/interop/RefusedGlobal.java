// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

/** A pickle references a Python global outside the allowlist; carries the global's dotted name. */
final class RefusedGlobal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RefusedGlobal(String module, String name) {
    super(printable(module) + "." + printable(name), null, false, false);
  }

  /** {@code s} with control characters and quotes replaced, so the name stays on one line and inside its quotes. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) || c == '\'' || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    return s.length() > 200 ? b.append("...").toString() : b.toString();
  }
}
