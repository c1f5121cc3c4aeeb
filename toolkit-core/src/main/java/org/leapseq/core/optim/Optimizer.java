// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import org.leapseq.core.tensor.Tensor;

/**
 * Updates a fixed list of parameters in place from their gradients, as fairseq's optimizers do: parameters
 * without a gradient are skipped (their state is left alone). The learning rate comes from the caller on every step,
 * normally from an {@link LrScheduler}.
 */
public interface Optimizer {
  /**
   * Builds an optimizer over a model's parameters once the config is known; this is what the optimizer registry
   * holds ({@code registry.register("adam", AdamConfig.class, Adam::factory)}).
   */
  @FunctionalInterface
  interface Factory {
    Optimizer create(List<Tensor> params);
  }

  /** One update of every parameter that has a gradient, at learning rate {@code lr}. */
  void step(double lr);

  /** A copy of the state, for a checkpoint. */
  OptimizerState state();

  /**
   * Replaces the state with a copy of {@code state}, which must come from the same kind of optimizer over
   * parameters of the same shapes; a mismatch is a {@link org.leapseq.core.LeapseqException}.
   */
  void loadState(OptimizerState state);
}
