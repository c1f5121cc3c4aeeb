// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.Require;
import org.leapseq.core.tensor.Activations;
import org.leapseq.core.tensor.ShapeOps;
import org.leapseq.core.tensor.Tensor;

/**
 * LeaPformer: ReLU features re-weighted by learned proportions, {@code [phi(x) sin(pi/2 p) | phi(x) cos(pi/2 p)]}
 * with {@code p = LeaP(phi(x))} from separate query and key MLPs shared across heads. fairseq's form clamps the
 * denominator at 0.1 (and its attention module scales q by head_dim^-0.5); the LRA form divides exactly.
 */
public final class LeapformerMechanism extends LinearMechanism {
  /**
   * @param leapFactor fairseq's {@code --leap-factor}: LeaP hidden size = head_dim / leap_factor
   * @param hiddenSize the LRA {@code learned_inter_size} when positive (1 = one Linear(D, 1)); overrides leapFactor
   * @param denominatorFloor fairseq's 0.1; {@code -Infinity} for the LRA's exact division
   * @param causalForm the causal training form without dropout
   * @param chunk the chunk size of the chunkwise form
   */
  public record Config(int leapFactor, int hiddenSize, double denominatorFloor, CausalForm causalForm, int chunk) {
    /** fairseq's defaults: leap factor 4, floor 0.1, chunkwise causal training with chunk 128. */
    public Config() {
      this(4, 0, 0.1, CausalForm.CHUNKED, 128);
    }
  }

  private final LeapProportion queryLeap;
  private final LeapProportion keyLeap;

  /** Builds the two LeaP MLPs and registers them as {@code q_LeaP} and {@code k_LeaP} on the attention module. */
  public LeapformerMechanism(Context ctx, Config cfg) {
    super(cfg.denominatorFloor(), cfg.causalForm(), cfg.chunk());
    int d = ctx.headDim();
    int hidden;
    if (cfg.hiddenSize() > 0) {
      hidden = cfg.hiddenSize();
    } else {
      Require.that(cfg.leapFactor() > 0 && d % cfg.leapFactor() == 0,
          "--leap-factor %d must divide the head size %d", cfg.leapFactor(), d);
      hidden = d / cfg.leapFactor();
    }
    boolean single = cfg.hiddenSize() == 1;
    queryLeap = new LeapProportion(d, hidden, single, ctx.dtype(), ctx.rng());
    keyLeap = new LeapProportion(d, hidden, single, ctx.dtype(), ctx.rng());
    ctx.owner().register("q_LeaP", queryLeap);
    ctx.owner().register("k_LeaP", keyLeap);
  }

  @Override
  protected Tensor features(Side side, Tensor x, long offset, long length) {
    Tensor fx = Activations.relu(x);
    Tensor p = (side == Side.QUERY ? queryLeap : keyLeap).forward(fx);
    return reweight(fx, p);
  }

  @Override
  protected int featureSize(int headDim) {
    return 2 * headDim;
  }

  /** fx: [G, T, D], p: [G, T, 1] (or broadcastable) -> [fx sin(pi/2 p) | fx cos(pi/2 p)]: [G, T, 2D]. */
  static Tensor reweight(Tensor fx, Tensor p) {
    Tensor angle = p.mul(Math.PI / 2);
    return ShapeOps.concat(2, fx.mul(Activations.sin(angle)), fx.mul(Activations.cos(angle)));
  }
}
