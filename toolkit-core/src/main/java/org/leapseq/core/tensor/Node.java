// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One recorded op: the tensors it read and the function that sends its output gradient back to them. */
record Node(Tensor[] inputs, Backward backward) {
  /** Receives the gradient of the op's output (same shape as the output) and accumulates into the inputs. */
  @FunctionalInterface
  interface Backward {
    void apply(INDArray gradOut);
  }
}
