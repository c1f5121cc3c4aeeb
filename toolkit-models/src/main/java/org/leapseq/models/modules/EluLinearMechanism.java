// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.tensor.Activations;
import org.leapseq.core.tensor.Tensor;

/** Linear attention with phi(x) = ELU(x) + 1 (Katharopoulos et al.), always positive. */
public final class EluLinearMechanism extends LinearMechanism {
  /**
   * @param denominatorFloor a floor for the denominator; {@code -Infinity} divides exactly (the features are
   *     positive, so the denominator cannot vanish)
   * @param causalForm the causal training form without dropout
   * @param chunk the chunk size of the chunkwise form
   */
  public record Config(double denominatorFloor, CausalForm causalForm, int chunk) {
    /** Exact division, chunkwise causal training with chunk 128. */
    public Config() {
      this(Double.NEGATIVE_INFINITY, CausalForm.CHUNKED, 128);
    }
  }

  /** A mechanism from its config. */
  public EluLinearMechanism(Config cfg) {
    super(cfg.denominatorFloor(), cfg.causalForm(), cfg.chunk());
  }

  @Override
  protected Tensor features(Side side, Tensor x, long offset, long length) {
    return Activations.elu(x).add(1.0);
  }

  @Override
  protected int featureSize(int headDim) {
    return headDim;
  }
}
