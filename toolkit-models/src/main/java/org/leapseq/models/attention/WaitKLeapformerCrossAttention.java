// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * SimulST wait-k cross-attention with LeaPformer energies ({@code WaitKAttentionFixedStride} with
 * {@code dec_ca_leapformer_enable}): scores beyond each head's monotonic step are set to 0 and the rest divided by
 * {@code clamp_min(sum, 0.1)}; a head still at frame 0 attends to nothing.
 *
 * @param attention projections and LeaPformer core
 * @param policy the wait-k read/write schedule
 */
public record WaitKLeapformerCrossAttention(FairseqLeapformerAttention attention, WaitKPolicy policy) {
  /** One incremental call's decisions and output. */
  public record Result(double[] pChoose, MonotonicState state, boolean[] headRead, INDArray beta, INDArray out) {}

  /** query: [1, B, E], encoder prefix [S, B, E], 0-based target step -> beta [G, 1, S], out [1, B, E]. */
  public Result step(INDArray query, INDArray encoder, int tgtIndex, MonotonicState previous) {
    double[] p = policy.pChoose((int) encoder.size(0), tgtIndex);
    int groups = previous.headSteps().length;
    int[] steps = new int[groups];
    boolean[] read = new boolean[groups];
    for (int g = 0; g < groups; g++) {
      WaitKPolicy.MonotonicStep m = WaitKPolicy.advance(previous.step(g), p);
      steps[g] = m.step();
      read[g] = m.read();
    }
    INDArray energy = attention.core().scores(attention.projectQuery(query), attention.projectKey(encoder),
        KeyPadding.NONE);
    INDArray beta = inferenceBeta(energy, steps);
    INDArray v = attention.projectValue(encoder);
    INDArray attn = Groups.map(groups, g -> Groups.at(beta, g).mmul(Groups.at(v, g)));
    return new Result(p, new MonotonicState(steps, previous.heads()), read, beta, attention.projectOut(attn));
  }

  /** energy: [G, N, S], headSteps: [G] -> beta: [G, N, S], zero beyond the step, linear clamp-0.1 normalised. */
  public static INDArray inferenceBeta(INDArray energy, int[] headSteps) {
    Denominator den = Denominator.clampMin(FairseqLeapformerAttention.DENOMINATOR_FLOOR);
    return Groups.map(Groups.count(energy), g -> {
      INDArray e = Groups.at(energy, g);
      INDArray prefix = Nd4j.zeros(e.dataType(), e.size(1), 1);
      for (int j = 0; j <= Math.min(headSteps[g], (int) e.size(1) - 1); j++) {
        prefix.putScalar(j, 0, headSteps[g] == 0 ? 0.0 : 1.0);
      }
      INDArray masked = e.mulRowVector(prefix.reshape(1, e.size(1)));
      return den.divide(masked, masked.sum(1).reshape(e.size(0), 1));
    });
  }

  /**
   * Training-time expected attention for alignment alpha: [G, T, S] and energies [G, T, S] -> beta [G, T, S]:
   * {@code beta_ij = w_ij sum_{k>=j} alpha_ik / norm(sum_{l<=k} w_il)} with w = exp (reference) or the scores.
   */
  public static INDArray trainingBeta(INDArray alpha, INDArray energy, SoftNormalisation mode, double eps) {
    return Groups.map(Groups.count(energy), g -> mode == SoftNormalisation.LINEAR
        ? linearBeta(Groups.at(alpha, g), Groups.at(energy, g))
        : softmaxBeta(Groups.at(alpha, g), Groups.at(energy, g), eps));
  }

  /** alpha, e: [T, S] -> beta [T, S] as the reference's {@code expected_soft_attention} (exp branch). */
  private static INDArray softmaxBeta(INDArray alpha, INDArray e, double eps) {
    INDArray w = Transforms.exp(e.subColumnVector(e.max(1).reshape(e.size(0), 1)), false).addi(eps);
    INDArray inner = alpha.div(w.cumsum(1).addi(eps));
    INDArray beta = w.mul(reverseCumsum(inner));
    return Transforms.min(Transforms.max(beta, 0.0, false), 1.0, false);
  }

  /** alpha, e: [T, S] -> beta [T, S] with the inference normalisation (clamp 0.1). */
  private static INDArray linearBeta(INDArray alpha, INDArray e) {
    Denominator den = Denominator.clampMin(FairseqLeapformerAttention.DENOMINATOR_FLOOR);
    INDArray inner = alpha.div(den.floored(e.cumsum(1)));
    return e.mul(reverseCumsum(inner));
  }

  /** x: [T, S] -> sum_{k>=j} x_ik, [T, S]. */
  private static INDArray reverseCumsum(INDArray x) {
    INDArray total = x.sum(1).reshape(x.size(0), 1);
    return x.sub(x.cumsum(1)).addiColumnVector(total);
  }
}
