// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One way of computing the linear-attention numerator on augmented values {@code va = [v | 1]}: row i of the
 * result is {@code sum_j (q_i.k_j) va_j} over the keys j that query i sees, so its last column is the (unfloored)
 * denominator. Implementations run 2-D gemms per group and recompute cheap intermediates in the backward.
 */
interface NumeratorForm {
  /** q: [G, T, F], k: [G, S, F], va: [G, S, D + 1] (all c-ordered) -> [G, T, D + 1]. */
  INDArray forward(INDArray q, INDArray k, INDArray va);

  /** The same inputs and the output gradient g: [G, T, D + 1] (read only) -> gradients of q, k and va. */
  Grads backward(INDArray q, INDArray k, INDArray va, INDArray g);

  /** Gradients with the shapes of q, k and va. */
  record Grads(INDArray q, INDArray k, INDArray va) {}
}
