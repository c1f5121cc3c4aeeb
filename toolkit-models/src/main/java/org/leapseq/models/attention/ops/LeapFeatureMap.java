// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.leapseq.core.tensor.Activations;
import org.leapseq.core.tensor.ShapeOps;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.KeyPadding;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LeaPformer feature map as Tensor ops: {@code x' = [relu(x) sin(pi/2 p) | relu(x) cos(pi/2 p)]} with
 * {@code p = sigmoid(mlp(relu(x)))} per token (the MLP sees the ReLU features, as in fairseq), so
 * {@code q'_i.k'_j = (relu(q_i).relu(k_j)) cos(pi/2 (p_q,i - p_k,j))}. Padded keys are zeroed before the ReLU.
 * Feed the results to {@link LinearAttentionOp}.
 *
 * @param queryLeap {@code q_LeaP}
 * @param keyLeap {@code k_LeaP}
 */
public record LeapFeatureMap(LeapMlp queryLeap, LeapMlp keyLeap) {
  /** q: [G, N, D] -> [G, N, 2D]. */
  public Tensor queries(Tensor q) {
    return reweight(q.relu(), queryLeap);
  }

  /** k: [G, S, D] -> [G, S, 2D], rows of padded keys all zero. */
  public Tensor keys(Tensor k, KeyPadding padding) {
    Tensor kept = k;
    if (!padding.isNone()) {
      long[] shape = k.shape();
      Tensor valid = Tensor.constant(padding.zeroPadded(Nd4j.ones(k.dtype(), shape[0], shape[1], 1)));
      kept = k.mul(valid);
    }
    return reweight(kept.relu(), keyLeap);
  }

  /** x: [G, N, D] non-negative -> [x sin(pi/2 p) | x cos(pi/2 p)]: [G, N, 2D]. */
  private static Tensor reweight(Tensor x, LeapMlp mlp) {
    Tensor angle = mlp.apply(x).mul(Math.PI / 2);                 // [G, N, 1]
    Tensor sin = x.mul(Activations.sin(angle));
    Tensor cos = x.mul(Activations.cos(angle));
    return ShapeOps.concat(2, sin, cos);
  }
}
