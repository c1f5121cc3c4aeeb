// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import java.util.Locale;
import org.leapseq.core.LeapseqException;

/** fairseq's {@code --log-format}. */
public enum LogFormat {
  JSON, SIMPLE, TQDM, NONE;

  /** Parses {@code json}, {@code simple}, {@code tqdm} or {@code none}. */
  public static LogFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw LeapseqException.of("--log-format: unknown format '%s'; valid choices: json, simple, tqdm, none", name);
    }
  }

  /** The name on the command line. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
