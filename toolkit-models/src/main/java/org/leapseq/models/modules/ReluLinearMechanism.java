// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.tensor.Activations;
import org.leapseq.core.tensor.Tensor;

/** Linear attention with ReLU features, phi(x) = ReLU(x) (LRA {@code attention_linear.py}). */
public final class ReluLinearMechanism extends LinearMechanism {
  /**
   * @param denominatorFloor 0.1 as LeaPformer in fairseq; {@code -Infinity} for the LRA's exact division
   * @param causalForm the causal training form without dropout
   * @param chunk the chunk size of the chunkwise form
   */
  public record Config(double denominatorFloor, CausalForm causalForm, int chunk) {
    /** The fairseq-side defaults, matching LeaPformer's normalisation so the two compare like for like. */
    public Config() {
      this(0.1, CausalForm.CHUNKED, 128);
    }
  }

  /** A mechanism from its config. */
  public ReluLinearMechanism(Config cfg) {
    super(cfg.denominatorFloor(), cfg.causalForm(), cfg.chunk());
  }

  @Override
  protected Tensor features(Side side, Tensor x, long offset, long length) {
    return Activations.relu(x);
  }

  @Override
  protected int featureSize(int headDim) {
    return headDim;
  }
}
