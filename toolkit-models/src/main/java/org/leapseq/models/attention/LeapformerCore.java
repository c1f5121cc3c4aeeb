// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * LeaPformer on projected q, k, v: ReLU feature map, the query and key LeaP MLPs (shared across heads), then
 * {@link LeapformerAttention}. fairseq uses {@code Denominator.clampMin(0.1)}, the LRA core {@code exact()};
 * padded keys are zeroed (before or after the ReLU is the same).
 *
 * @param queryLeap {@code q_LeaP} / {@code q_numer}
 * @param keyLeap {@code k_LeaP} / {@code k_numer}
 * @param denominator the normalisation rule
 */
public record LeapformerCore(ProportionMlp queryLeap, ProportionMlp keyLeap, Denominator denominator)
    implements AttentionKernel {

  /** q: [G, N, D] -> ReLU(q): [G, N, D]. */
  public static INDArray features(INDArray x) {
    return Transforms.relu(x, true);
  }

  /** q: [G, N, D] -> query proportions p_q: [G, N, 1]. */
  public INDArray queryProportions(INDArray q) {
    return queryLeap.apply(features(q));
  }

  /** k: [G, S, D] -> key proportions p_k: [G, S, 1] (padded keys see a zero vector). */
  public INDArray keyProportions(INDArray k, KeyPadding padding) {
    return keyLeap.apply(padding.zeroPadded(features(k)));
  }

  @Override
  public INDArray attend(INDArray q, INDArray k, INDArray v, KeyPadding padding) {
    INDArray fq = features(q);
    INDArray fk = padding.zeroPadded(features(k));
    return kernel().nonCausal(fq, queryLeap.apply(fq), fk, keyLeap.apply(fk), v);
  }

  /** Causal masked-quadratic form: q, k, v: [G, T, D] -> [G, T, D]. */
  public INDArray causalQuadratic(INDArray q, INDArray k, INDArray v) {
    INDArray fq = features(q);
    INDArray fk = features(k);
    return kernel().causalQuadratic(fq, queryLeap.apply(fq), fk, keyLeap.apply(fk), v);
  }

  /** Causal chunkwise form with the given chunk size: q, k, v: [G, T, D] -> [G, T, D]. */
  public INDArray causalChunked(INDArray q, INDArray k, INDArray v, int chunk) {
    INDArray fq = features(q);
    INDArray fk = features(k);
    return kernel().causalChunked(fq, queryLeap.apply(fq), fk, keyLeap.apply(fk), v, chunk);
  }

  /** One recurrent step: q, k, v: [G, D] -> out [G, D] and the next state. */
  public LinearAttention.Step step(LinearAttentionState state, INDArray q, INDArray k, INDArray v) {
    INDArray fq = features(q);
    INDArray fk = features(k);
    return kernel().step(state, fq, queryProportions2d(fq), fk, keyProportions2d(fk), v);
  }

  /** The empty recurrent state for batch B, heads H, head_dim D (features F = 2D). */
  public static LinearAttentionState emptyState(INDArray like, int batch, int heads, int headDim) {
    return LinearAttentionState.empty(like.dataType(), batch, heads, 2 * headDim, headDim);
  }

  /** Re-weighted query features [G, N, 2D] (for readout against a state). */
  public INDArray queryFeatures(INDArray q) {
    INDArray fq = features(q);
    return LeapformerAttention.reweight(fq, queryLeap.apply(fq));
  }

  /** Re-weighted key features [G, S, 2D] with padded keys zeroed. */
  public INDArray keyFeatures(INDArray k, KeyPadding padding) {
    INDArray fk = padding.zeroPadded(features(k));
    return LeapformerAttention.reweight(fk, keyLeap.apply(fk));
  }

  /** Unnormalised LeaPformer scores [G, N, S]. */
  public INDArray scores(INDArray q, INDArray k, KeyPadding padding) {
    INDArray fq = features(q);
    INDArray fk = padding.zeroPadded(features(k));
    return LeapformerAttention.scores(fq, queryLeap.apply(fq), fk, keyLeap.apply(fk));
  }

  /** The normalisation kernel. */
  public LeapformerAttention kernel() {
    return new LeapformerAttention(denominator);
  }

  private INDArray queryProportions2d(INDArray fq) {
    return queryLeap.apply(fq.reshape(fq.size(0), 1, fq.size(1))).reshape(fq.size(0), 1);
  }

  private INDArray keyProportions2d(INDArray fk) {
    return keyLeap.apply(fk.reshape(fk.size(0), 1, fk.size(1))).reshape(fk.size(0), 1);
  }
}
