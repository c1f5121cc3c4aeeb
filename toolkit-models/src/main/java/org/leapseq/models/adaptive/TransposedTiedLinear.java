// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.adaptive;

import org.leapseq.core.Require;
import org.leapseq.core.nn.Module;
import org.leapseq.core.tensor.LinalgOps;
import org.leapseq.core.tensor.Tensor;

/**
 * fairseq's {@code TiedLinear(weight, transpose=True)}: {@code y = x W} with another module's weight W [I, O]
 * registered here as {@code weight} too (the adaptive softmax tail projection under {@code --tie-adaptive-proj}).
 */
final class TransposedTiedLinear extends Module {
  private final Tensor weight;

  TransposedTiedLinear(Tensor shared) {
    Require.that(shared.rank() == 2, "a tied projection must be 2-D, got rank %d", shared.rank());
    weight = tie("weight", shared);
  }

  /** x: [N, I] -> [N, O]. */
  Tensor forward(Tensor x) {
    return LinalgOps.matmul(x, weight);
  }
}
