// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.adaptive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.leapseq.core.nn.Module;
import org.leapseq.core.tensor.Tensor;

/** PyTorch's {@code nn.Sequential}: children named {@code 0, 1, 2, ...}, applied in order. */
final class Sequential extends Module {
  private final List<UnaryOperator<Tensor>> steps = new ArrayList<>();

  /** Appends {@code m} as the next child; {@code step} is how it transforms its input. */
  <M extends Module> Sequential add(M m, UnaryOperator<Tensor> step) {
    child(Integer.toString(steps.size()), m);
    steps.add(step);
    return this;
  }

  /** x: [N, I] -> the steps applied in order. */
  Tensor forward(Tensor x) {
    Tensor y = x;
    for (UnaryOperator<Tensor> step : steps) {
      y = step.apply(y);
    }
    return y;
  }
}
