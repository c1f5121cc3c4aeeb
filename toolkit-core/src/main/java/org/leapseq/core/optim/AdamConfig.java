// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;

/**
 * fairseq's {@code FairseqAdamConfig}: {@code --adam-betas} (a string such as {@code "(0.9, 0.98)"}, default
 * {@code "(0.9, 0.999)"}), {@code --adam-eps} (1e-8), {@code --weight-decay} (0, decoupled as in AdamW) and
 * {@code amsgrad} (off; fairseq's own Adam class takes it, its command line does not).
 */
public record AdamConfig(String adamBetas, double adamEps, double weightDecay, boolean amsgrad) {
  /** The two decay rates of the moment estimates. */
  public record Betas(double beta1, double beta2) {
    public Betas {
      Require.that(beta1 >= 0 && beta1 < 1, "--adam-betas: beta1 %s not in [0, 1)", beta1);
      Require.that(beta2 >= 0 && beta2 < 1, "--adam-betas: beta2 %s not in [0, 1)", beta2);
    }
  }

  private static final String NUMBER = "\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*";
  private static final Pattern BETAS =
      Pattern.compile("\\s*[(\\[]?" + NUMBER + "," + NUMBER + ",?\\s*[)\\]]?\\s*");

  public AdamConfig {
    Require.that(adamBetas != null, "--adam-betas must be given");
    parseBetas(adamBetas);
    Require.that(adamEps >= 0, "--adam-eps must be >= 0, got %s", adamEps);
    Require.that(weightDecay >= 0, "--weight-decay must be >= 0, got %s", weightDecay);
  }

  /** fairseq's defaults. */
  public static AdamConfig defaults() {
    return new AdamConfig("(0.9, 0.999)", 1e-8, 0.0, false);
  }

  /** The parsed {@link #adamBetas()}. */
  public Betas betas() {
    return parseBetas(adamBetas);
  }

  /**
   * Parses {@code --adam-betas} as fairseq's {@code eval} sees it in practice: a Python tuple or list of two
   * numbers, {@code "(0.9, 0.98)"}, {@code "[0.9,0.98]"}, or the bare {@code "0.9,0.98"}.
   */
  public static Betas parseBetas(String text) {
    Matcher m = BETAS.matcher(text);
    if (!m.matches()) {
      throw LeapseqException.of("--adam-betas '%s' is not two numbers like '(0.9, 0.98)'", text);
    }
    return new Betas(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
  }
}
