// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.adaptive;

import java.util.Arrays;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;

/** fairseq's cutoff lists ({@code --adaptive-softmax-cutoff 20000,60000}) and their completion with V. */
public final class Cutoffs {
  private Cutoffs() {}

  /**
   * Parses a list as fairseq's {@code eval_str_list} reads it: {@code "20000,60000"}, {@code "[20000, 60000]"} or
   * {@code "(20000,60000)"}; the values must be positive and increasing. {@code flag} names the option in errors.
   */
  public static int[] parse(String flag, String text) {
    String body = text.strip().replaceAll("^[\\[(]|[\\])]$", "").strip();
    String[] parts = body.split(",");
    int n = parts.length > 0 && parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new LeapseqException(flag + ": expected a comma-separated list of integers, got '" + text + "'");
      }
      Require.that(out[i] > 0 && (i == 0 || out[i] > out[i - 1]), "%s: cutoffs must be positive and increasing: %s",
          flag, text);
    }
    Require.that(n > 0, "%s: empty cutoff list", flag);
    return out;
  }

  /**
   * fairseq's completion: {@code cutoff + [V]} when V exceeds the last cutoff; a last cutoff equal to V is kept; one
   * beyond V is an error.
   */
  public static int[] complete(int[] cutoff, int vocab) {
    int last = cutoff[cutoff.length - 1];
    if (vocab > last) {
      int[] out = Arrays.copyOf(cutoff, cutoff.length + 1);
      out[cutoff.length] = vocab;
      return out;
    }
    Require.that(vocab == last, "cannot specify cutoff %d larger than the vocabulary size %d", last, vocab);
    return cutoff.clone();
  }
}
