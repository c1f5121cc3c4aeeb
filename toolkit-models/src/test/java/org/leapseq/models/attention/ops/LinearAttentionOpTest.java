// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import static org.leapseq.models.attention.ops.Fixtures.assertClose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.core.testing.GradCheck;
import org.leapseq.models.attention.Denominator;
import org.leapseq.models.attention.LinearAttention;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The fused linear-attention ops against the INDArray kernels, each other and finite differences (float64). */
class LinearAttentionOpTest {
  static final double TOL = 1e-10;
  static final Denominator[] DENOMINATORS = {Denominator.clampMin(0.1), Denominator.exact()};

  private final Fixtures fx = new Fixtures(11);

  @Test
  void nonCausalMatchesKernel() {
    INDArray q = fx.features(4, 5, 6);
    INDArray k = fx.features(4, 7, 6);
    INDArray v = fx.normal(4, 7, 3);
    for (Denominator den : DENOMINATORS) {
      INDArray out = new LinearAttentionOp(den).nonCausal(c(q), c(k), c(v)).value();
      assertClose(new LinearAttention(den).nonCausal(q, k, v), out, TOL, "non-causal " + den);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 8, 13})
  void causalFormsMatchKernel(int t) {
    INDArray q = fx.features(3, t, 6);
    INDArray k = fx.features(3, t, 6);
    INDArray v = fx.normal(3, t, 5);
    for (Denominator den : DENOMINATORS) {
      INDArray expected = new LinearAttention(den).causalQuadratic(q, k, v);
      LinearAttentionOp op = new LinearAttentionOp(den);
      assertClose(expected, op.causalQuadratic(c(q), c(k), c(v)).value(), TOL, "quadratic T=" + t);
      assertClose(expected, op.causalChunked(c(q), c(k), c(v), 4).value(), TOL, "chunk 4 T=" + t);
      assertClose(expected, op.causalChunked(c(q), c(k), c(v)).value(), TOL, "default chunk T=" + t);
    }
  }

  @Test
  void defaultChunkOnLongSequenceMatchesKernel() {
    int t = 2 * LinearAttentionOp.DEFAULT_CHUNK + 37;
    INDArray q = fx.features(2, t, 4);
    INDArray k = fx.features(2, t, 4);
    INDArray v = fx.normal(2, t, 3);
    INDArray expected = new LinearAttention(Denominator.clampMin(0.1)).causalQuadratic(q, k, v);
    INDArray out = new LinearAttentionOp(Denominator.clampMin(0.1)).causalChunked(c(q), c(k), c(v)).value();
    assertClose(expected, out, TOL, "T=" + t);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 5, 8, 11})
  void causalFormsAgreeInGradient(int t) {
    INDArray q = fx.features(2, t, 4);
    INDArray k = fx.features(2, t, 4);
    INDArray v = fx.normal(2, t, 3);
    for (Denominator den : DENOMINATORS) {
      LinearAttentionOp op = new LinearAttentionOp(den);
      INDArray[] quad = Fixtures.gradients(ts -> op.causalQuadratic(ts[0], ts[1], ts[2]), q, k, v);
      for (int chunk : new int[] {1, 3, 4, t, t + 2, LinearAttentionOp.DEFAULT_CHUNK}) {
        INDArray[] chunked = Fixtures.gradients(ts -> op.causalChunked(ts[0], ts[1], ts[2], chunk), q, k, v);
        for (int i = 0; i < 3; i++) {
          assertClose(quad[i], chunked[i], TOL, "T=" + t + " chunk=" + chunk + " input " + i);
        }
      }
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    INDArray q = fx.features(2, 5, 3);
    INDArray k = fx.features(2, 5, 3);
    INDArray v = fx.normal(2, 5, 2);
    for (Denominator den : DENOMINATORS) {
      LinearAttentionOp op = new LinearAttentionOp(den);
      GradCheck.checkProjected(ts -> op.nonCausal(ts[0], ts[1], ts[2]), q, k, v);
      GradCheck.checkProjected(ts -> op.causalQuadratic(ts[0], ts[1], ts[2]), q, k, v);
      GradCheck.checkProjected(ts -> op.causalChunked(ts[0], ts[1], ts[2], 2), q, k, v);
    }
  }

  @Test
  void clampedRowsPassNoDenominatorGradient() {
    // queries scaled by 1e-3 in group 0 push most denominators below the 0.1 floor
    INDArray q = fx.features(2, 5, 3);
    q.slice(0).muli(1e-3);
    INDArray k = fx.features(2, 5, 3);
    INDArray v = fx.normal(2, 5, 2);
    LinearAttentionOp op = new LinearAttentionOp(Denominator.clampMin(0.1));
    GradCheck.checkProjected(ts -> op.causalChunked(ts[0], ts[1], ts[2], 2), q, k, v);
    GradCheck.checkProjected(ts -> op.nonCausal(ts[0], ts[1], ts[2]), q, k, v);
  }

  private static Tensor c(INDArray x) {
    return Tensor.constant(x);
  }
}
