// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.leapseq.core.Require;

/**
 * The four projections of a fairseq {@code MultiheadAttention} (all with bias).
 *
 * @param query {@code q_proj}
 * @param key {@code k_proj}
 * @param value {@code v_proj}
 * @param out {@code out_proj}
 * @param heads H; {@code head_dim = E / H}
 */
public record MultiheadWeights(Linear query, Linear key, Linear value, Linear out, int heads) {
  /** Checks that the embedding divides into heads. */
  public MultiheadWeights {
    Require.that(heads > 0 && query.weight().size(0) % heads == 0, "embed dim %d not divisible by %d heads",
        query.weight().size(0), heads);
  }

  /** E. */
  public int embedDim() {
    return (int) query.weight().size(0);
  }

  /** D = E / H. */
  public int headDim() {
    return embedDim() / heads;
  }

  /** fairseq's query scaling {@code head_dim^-0.5}. */
  public double scaling() {
    return 1.0 / Math.sqrt(headDim());
  }
}
