// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core;

/** Argument checks for compact constructors of config records; failures are {@link LeapseqException}s. */
public final class Require {
  private Require() {}

  /** Throws a {@link LeapseqException} with the formatted message unless {@code condition} holds. */
  public static void that(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new LeapseqException(String.format(format, args));
    }
  }
}
