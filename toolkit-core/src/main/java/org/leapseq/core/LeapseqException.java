// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core;

/**
 * An error the user can act on: bad input, a bad flag, an unwritable destination. Its message is one line that
 * names the file or flag and what was expected; the command-line tools print it without a stack trace and exit 1.
 */
public class LeapseqException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LeapseqException(String message) {
    super(message);
  }

  public LeapseqException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Formats with {@link String#format}. */
  public static LeapseqException of(String format, Object... args) {
    return new LeapseqException(String.format(format, args));
  }
}
