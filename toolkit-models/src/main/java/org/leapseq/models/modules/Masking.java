// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.Require;
import org.leapseq.models.attention.KeyPadding;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which keys each query may see: causal (query i sees keys j <= i, T == S), padded keys (fairseq's
 * {@code key_padding_mask}) and, for softmax attention only, an arbitrary additive {@code attn_mask} [T, S] with
 * {@code -inf} at forbidden entries. Linear mechanisms cannot apply an arbitrary mask and refuse one.
 *
 * @param causal whether future keys are hidden
 * @param padding padded keys, per batch element
 * @param additive extra additive mask [T, S], or null
 */
public record Masking(boolean causal, KeyPadding padding, INDArray additive) {
  /** Every key visible. */
  public static final Masking NONE = new Masking(false, KeyPadding.NONE, null);

  /** Checks the combination. */
  public Masking {
    Require.that(padding != null, "padding must not be null (use KeyPadding.NONE)");
    Require.that(additive == null || additive.rank() == 2, "attn_mask must be [T, S]");
  }

  /** Causal self-attention without padding. */
  public static Masking causalSelf() {
    return new Masking(true, KeyPadding.NONE, null);
  }

  /** Bidirectional attention with padded keys. */
  public static Masking padded(KeyPadding padding) {
    return new Masking(false, padding, null);
  }

  /** This masking with other padding. */
  public Masking withPadding(KeyPadding p) {
    return new Masking(causal, p, additive);
  }
}
