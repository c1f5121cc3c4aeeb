// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fairseq {@code MultiheadAttention} math with {@code leapformer_enable}: q/k/v projections with bias,
 * {@code q *= head_dim^-0.5}, {@link LeapformerCore} with {@code clamp_min(den, 0.1)}, output projection. Time-major
 * tensors: x: [T, B, E]. Unlike the reference, incremental cross-attention honours key padding, and there is no
 * "linearized train" mode that drops the causal mask.
 *
 * @param weights the projections
 * @param core the LeaP MLPs and denominator
 */
public record FairseqLeapformerAttention(MultiheadWeights weights, LeapformerCore core) {
  /** Checks that the LeaP MLPs take one head's vector (they are shared across heads). */
  public FairseqLeapformerAttention {
    for (ProportionMlp leap : new ProportionMlp[] {core.queryLeap(), core.keyLeap()}) {
      long in = leap.layers().get(0).weight().size(1);
      Require.that(in == weights.headDim(), "LeaP input size %d != head_dim %d", in, weights.headDim());
    }
  }

  /** The reference's denominator floor. */
  public static final double DENOMINATOR_FLOOR = 0.1;

  /** Builds the fairseq configuration: LeaP MLPs shared across heads, denominator clamped at 0.1. */
  public static FairseqLeapformerAttention of(
      MultiheadWeights weights, ProportionMlp queryLeap, ProportionMlp keyLeap) {
    return new FairseqLeapformerAttention(
        weights, new LeapformerCore(queryLeap, keyLeap, Denominator.clampMin(DENOMINATOR_FLOOR)));
  }

  /** query: [T, B, E] -> scaled per-head queries [G, T, D]. */
  public INDArray projectQuery(INDArray query) {
    return HeadLayout.splitTimeMajor(weights.query().applyLast(query).muli(weights.scaling()), weights.heads());
  }

  /** key: [S, B, E] -> per-head keys [G, S, D]. */
  public INDArray projectKey(INDArray key) {
    return HeadLayout.splitTimeMajor(weights.key().applyLast(key), weights.heads());
  }

  /** value: [S, B, E] -> per-head values [G, S, D]. */
  public INDArray projectValue(INDArray value) {
    return HeadLayout.splitTimeMajor(weights.value().applyLast(value), weights.heads());
  }

  /** attn: [G, T, D] -> out_proj(concat heads): [T, B, E]. */
  public INDArray projectOut(INDArray attn) {
    return weights.out().applyLast(HeadLayout.mergeTimeMajor(attn, weights.heads()));
  }

  /** Full-sequence forward: query [T, B, E], key/value [S, B, E] -> [T, B, E]. CAUSAL needs T == S. */
  public INDArray forward(INDArray query, INDArray key, INDArray value, KeyPadding padding, Causality causality) {
    INDArray q = projectQuery(query);
    INDArray k = projectKey(key);
    INDArray v = projectValue(value);
    INDArray attn = causality == Causality.CAUSAL
        ? core.causalQuadratic(q, padding.zeroPadded(k), v)
        : core.attend(q, k, v, padding);
    return projectOut(attn);
  }

  /** The empty decoder self-attention state for batch B. */
  public LinearAttentionState emptyState(INDArray like, int batch) {
    return LeapformerCore.emptyState(like, batch, weights.heads(), weights.headDim());
  }

  /** One causal self-attention decoding step: x: [1, B, E] -> out [1, B, E] and the next state. */
  public Decoded step(LinearAttentionState state, INDArray x) {
    LinearAttention.Step s =
        core.step(state, squeeze(projectQuery(x)), squeeze(projectKey(x)), squeeze(projectValue(x)));
    INDArray out = s.out();
    return new Decoded(projectOut(out.reshape(out.size(0), 1, out.size(1))), s.state());
  }

  /** Encoder keys/values [S, B, E] summed once into a static cross-attention state (padded keys excluded). */
  public LinearAttentionState staticState(INDArray key, INDArray value, KeyPadding padding) {
    INDArray fk = core.keyFeatures(projectKey(key), padding);
    LinearAttentionState empty = emptyState(fk, (int) key.size(1));
    return core.kernel().linear().absorb(empty, fk, projectValue(value));
  }

  /** Cross-attention queries [T, B, E] read against a static state -> [T, B, E]. */
  public INDArray readStatic(LinearAttentionState state, INDArray query) {
    return projectOut(core.kernel().linear().readout(state, core.queryFeatures(projectQuery(query))));
  }

  /** A decoding step's output y: [1, B, E] and the state after it. */
  public record Decoded(INDArray out, LinearAttentionState state) {}

  private static INDArray squeeze(INDArray x) {
    return x.reshape(x.size(0), x.size(2));
  }
}
