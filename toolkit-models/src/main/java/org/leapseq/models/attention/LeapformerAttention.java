// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * LeaPformer scores {@code s_ij = (q_i.k_j) cos(pi/2 (p_q,i - p_k,j))} written as linear attention on the
 * re-weighted features {@code [x sin(pi/2 p), x cos(pi/2 p)]}. Inputs are the non-negative (ReLU'd) per-head
 * vectors and their proportions p in (0, 1); computing p is the caller's business (see {@link LeapformerCore}).
 */
public final class LeapformerAttention {
  private final LinearAttention linear;

  /** LeaPformer normalised by the given denominator rule (fairseq: clamp 0.1; LRA: exact). */
  public LeapformerAttention(Denominator denominator) {
    this.linear = new LinearAttention(denominator);
  }

  /** The underlying linear-attention kernel on re-weighted features. */
  public LinearAttention linear() {
    return linear;
  }

  /** x: [G, N, D] non-negative features, p: [G, N, 1] -> [G, N, 2D] = [x sin(pi/2 p), x cos(pi/2 p)]. */
  public static INDArray reweight(INDArray x, INDArray p) {
    INDArray angle = p.mul(Math.PI / 2);
    INDArray sin = Groups.scaleRows(x, Transforms.sin(angle, true));
    INDArray cos = Groups.scaleRows(x, Transforms.cos(angle, true));
    return Nd4j.concat(2, sin, cos);
  }

  /** q, k: [G, N|S, D] features, pq: [G, N, 1], pk: [G, S, 1], v: [G, S, D] -> [G, N, D]. */
  public INDArray nonCausal(INDArray q, INDArray pq, INDArray k, INDArray pk, INDArray v) {
    return linear.nonCausal(reweight(q, pq), reweight(k, pk), v);
  }

  /** Causal masked-quadratic form (the fairseq training path); shapes as {@link #nonCausal} with N == S. */
  public INDArray causalQuadratic(INDArray q, INDArray pq, INDArray k, INDArray pk, INDArray v) {
    return linear.causalQuadratic(reweight(q, pq), reweight(k, pk), v);
  }

  /** Causal chunkwise-parallel form with the given chunk size; same numbers as {@link #causalQuadratic}. */
  public INDArray causalChunked(INDArray q, INDArray pq, INDArray k, INDArray pk, INDArray v, int chunk) {
    return linear.causalChunked(reweight(q, pq), reweight(k, pk), v, chunk);
  }

  /** One recurrent step; q, k: [G, D], pq, pk: [G, 1], v: [G, D]. State features are [sin | cos], F = 2D. */
  public LinearAttention.Step step(
      LinearAttentionState state, INDArray q, INDArray pq, INDArray k, INDArray pk, INDArray v) {
    return linear.step(state, flat(reweight(rows(q), rows(pq))), flat(reweight(rows(k), rows(pk))), v);
  }

  /** Unnormalised scores s: [G, N, S] from q: [G, N, D], pq: [G, N, 1], k: [G, S, D], pk: [G, S, 1]. */
  public static INDArray scores(INDArray q, INDArray pq, INDArray k, INDArray pk) {
    INDArray fq = reweight(q, pq);
    INDArray fk = reweight(k, pk);
    return Groups.map(Groups.count(fq), g -> Groups.at(fq, g).mmul(Groups.at(fk, g).transpose()));
  }

  private static INDArray rows(INDArray x) {
    return x.reshape(x.size(0), 1, x.size(1));
  }

  private static INDArray flat(INDArray x) {
    return x.reshape(x.size(0), x.size(2));
  }
}
