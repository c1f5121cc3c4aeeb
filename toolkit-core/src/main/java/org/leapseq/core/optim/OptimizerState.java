// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of an {@link Optimizer} as plain values for a checkpoint. Per-parameter entries are keyed
 * {@code "<index>.<name>"} by the parameter's position in the optimizer's list ({@code "3.exp_avg"},
 * {@code "0.step"}); optimizer-wide scalars have no index ({@code "lr_old"}). The maps are unmodifiable; the arrays
 * are copies that the optimizer never writes after handing them out.
 *
 * @param tensors per-parameter buffers (moments, momentum buffers), in the parameters' data type
 * @param scalars step counts and other numbers
 */
public record OptimizerState(Map<String, INDArray> tensors, Map<String, Double> scalars) {
  public OptimizerState {
    tensors = Map.copyOf(Objects.requireNonNull(tensors, "tensors"));
    scalars = Map.copyOf(Objects.requireNonNull(scalars, "scalars"));
  }

  /** The state of an optimizer that has not stepped yet. */
  public static OptimizerState empty() {
    return new OptimizerState(Map.of(), Map.of());
  }
}
