// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import static org.leapseq.models.attention.Golden.assertClose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The causal masked-quadratic, chunkwise and recurrent forms agree (float64, random inputs). */
class CausalFormsTest {
  static final double TOL = 1e-10;
  static final int B = 3;
  static final int H = 2;
  static final int T = 11;
  static final int D = 8;

  private final Random64 rnd = new Random64(17);
  private final INDArray q = rnd.normal(B * H, T, D);
  private final INDArray k = rnd.normal(B * H, T, D);
  private final INDArray v = rnd.normal(B * H, T, D);

  static LeapformerCore core(Random64 rnd, Denominator den) {
    return new LeapformerCore(rnd.leap(D, 4), rnd.leap(D, 4), den);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, T, T + 5})
  void chunkwiseEqualsMaskedQuadratic(int chunk) {
    for (Denominator den : new Denominator[] {Denominator.clampMin(0.1), Denominator.exact()}) {
      LeapformerCore c = core(new Random64(5), den);
      assertClose(c.causalQuadratic(q, k, v), c.causalChunked(q, k, v, chunk), TOL, "chunk " + chunk);
    }
  }

  @Test
  void recurrentEqualsMaskedQuadratic() {
    LeapformerCore c = core(new Random64(5), Denominator.clampMin(0.1));
    INDArray full = c.causalQuadratic(q, k, v);
    LinearAttentionState state = LeapformerCore.emptyState(q, B, H, D);
    for (int t = 0; t < T; t++) {
      LinearAttention.Step s = c.step(state, at(q, t), at(k, t), at(v, t));
      assertClose(at(full, t), s.out(), TOL, "step " + t);
      state = s.state();
    }
  }

  @Test
  void lastCausalRowEqualsNonCausal() {
    LeapformerCore c = core(new Random64(6), Denominator.clampMin(0.1));
    INDArray causal = c.causalChunked(q, k, v, 4);
    INDArray nonCausal = c.attend(q, k, v, KeyPadding.NONE);
    assertClose(at(nonCausal, T - 1), at(causal, T - 1), TOL, "last row");
  }

  @Test
  void genericLinearFormsAgreeForEluFeatures() {
    LinearAttention lin = new LinearAttention(Denominator.exact());
    INDArray fq = EluLinearAttention.feature(q);
    INDArray fk = EluLinearAttention.feature(k);
    INDArray full = lin.causalQuadratic(fq, fk, v);
    assertClose(full, lin.causalChunked(fq, fk, v, 3), TOL, "elu chunked");
    LinearAttentionState state = LinearAttentionState.empty(q.dataType(), B, H, D, D);
    for (int t = 0; t < T; t++) {
      LinearAttention.Step s = lin.step(state, at(fq, t), at(fk, t), at(v, t));
      assertClose(at(full, t), s.out(), TOL, "elu step " + t);
      state = s.state();
    }
  }

  /** x: [G, T, F] -> row t, [G, F]. */
  static INDArray at(INDArray x, int t) {
    return x.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).dup();
  }
}
