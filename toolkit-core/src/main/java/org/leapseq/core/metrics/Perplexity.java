// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

/** fairseq's {@code utils.get_perplexity}. */
public final class Perplexity {
  private Perplexity() {}

  /** {@code round(2 ** loss, 2)} for a base-2 loss; 0 for a missing loss, infinity on overflow. */
  public static double base2(Double loss) {
    if (loss == null) {
      return 0.0;
    }
    return PyRound.round(Math.pow(2, loss), 2);
  }
}
