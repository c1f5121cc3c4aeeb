// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.leapseq.core.Require;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.Denominator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Differentiable linear attention on feature-mapped queries and keys:
 * {@code out_i = sum_j (q_i.k_j) v_j / den(sum_j q_i.k_j)}, the sums over all keys ({@link #nonCausal}) or over
 * j <= i (the causal forms, which give the same numbers). Each call records two fused ops with hand-written
 * backwards: the numerator (on values augmented with a ones column, so it also yields the denominator) and the
 * floored division of {@link Denominator}.
 */
public final class LinearAttentionOp {
  /** Default chunk length of {@link #causalChunked(Tensor, Tensor, Tensor)}. */
  public static final int DEFAULT_CHUNK = 128;

  private final Denominator denominator;

  /** Linear attention normalised by {@code denominator} (fairseq: {@code clampMin(0.1)}; LRA: {@code exact()}). */
  public LinearAttentionOp(Denominator denominator) {
    this.denominator = denominator;
  }

  /** qf: [G, T, F], kf: [G, S, F], v: [G, S, D] -> [G, T, D]; every query sees every key. */
  public Tensor nonCausal(Tensor qf, Tensor kf, Tensor v) {
    checkShapes(qf, kf, v);
    return run(new NonCausalForm(), qf, kf, v);
  }

  /** qf, kf: [G, T, F], v: [G, T, D] -> [G, T, D]; query i sees keys j <= i through a masked [T, T] product. */
  public Tensor causalQuadratic(Tensor qf, Tensor kf, Tensor v) {
    checkCausal(qf, kf, v);
    return run(new QuadraticForm(), qf, kf, v);
  }

  /** {@link #causalChunked(Tensor, Tensor, Tensor, int)} with {@link #DEFAULT_CHUNK}. */
  public Tensor causalChunked(Tensor qf, Tensor kf, Tensor v) {
    return causalChunked(qf, kf, v, DEFAULT_CHUNK);
  }

  /**
   * qf, kf: [G, T, F], v: [G, T, D] -> [G, T, D], causal, in chunks of {@code chunk} positions: O(T) memory, the
   * same numbers as {@link #causalQuadratic}. T need not be a multiple of chunk.
   */
  public Tensor causalChunked(Tensor qf, Tensor kf, Tensor v, int chunk) {
    Require.that(chunk > 0, "chunk size must be positive, got %d", chunk);
    checkCausal(qf, kf, v);
    return run(new ChunkedForm(chunk), qf, kf, v);
  }

  private Tensor run(NumeratorForm form, Tensor qf, Tensor kf, Tensor v) {
    INDArray q = OpArrays.contiguous(qf.value());
    INDArray k = OpArrays.contiguous(kf.value());
    INDArray va = OpArrays.augment(v.value());
    Tensor.Slot qs = qf.slot();
    Tensor.Slot ks = kf.slot();
    Tensor.Slot vs = v.slot();
    Tensor numAug = Tensor.record(form.forward(q, k, va), g -> {
      NumeratorForm.Grads grads = form.backward(q, k, va, OpArrays.contiguous(g));
      qs.addFreshGrad(grads.q());
      ks.addFreshGrad(grads.k());
      if (vs.requiresGrad()) {
        vs.addFreshGrad(OpArrays.dropLastColumn(grads.va()));
      }
    }, qf, kf, v);
    return Normalization.apply(numAug, denominator);
  }

  private static void checkShapes(Tensor qf, Tensor kf, Tensor v) {
    Require.that(qf.rank() == 3 && kf.rank() == 3 && v.rank() == 3, "linear attention needs [G, T, F] inputs");
    Require.that(qf.size(0) == kf.size(0) && kf.size(0) == v.size(0), "group counts differ: %d, %d, %d",
        qf.size(0), kf.size(0), v.size(0));
    Require.that(qf.size(2) == kf.size(2), "query features %d != key features %d", qf.size(2), kf.size(2));
    Require.that(kf.size(1) == v.size(1), "%d keys but %d values", kf.size(1), v.size(1));
  }

  private static void checkCausal(Tensor qf, Tensor kf, Tensor v) {
    checkShapes(qf, kf, v);
    Require.that(qf.size(1) == kf.size(1), "causal attention needs T == S, got %d and %d", qf.size(1), kf.size(1));
  }
}
