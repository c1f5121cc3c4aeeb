// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.leapseq.models.attention.Golden.assertClose;

import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Beam-search reordering of the typed decoding states. */
class StateReorderTest {
  static final int B = 3;
  static final int H = 2;
  static final int T = 4;
  static final int D = 4;

  /** x: [G, T, D] rows of batch elements picked by order -> [G', T, D]. */
  static INDArray pickBatch(INDArray x, int[] order) {
    INDArray[] parts = new INDArray[order.length * H];
    for (int i = 0; i < order.length; i++) {
      for (int h = 0; h < H; h++) {
        parts[i * H + h] = x.slice(order[i] * H + h).dup();
      }
    }
    return Nd4j.stack(0, parts);
  }

  @Test
  void reorderedStateDecodesLikeReorderedInputs() {
    Random64 rnd = new Random64(11);
    LeapformerCore c = new LeapformerCore(rnd.leap(D, 2), rnd.leap(D, 2), Denominator.clampMin(0.1));
    INDArray q = rnd.normal(B * H, T, D);
    INDArray k = rnd.normal(B * H, T, D);
    INDArray v = rnd.normal(B * H, T, D);
    int[] order = {2, 0, 2, 1};
    LinearAttentionState state = LeapformerCore.emptyState(q, B, H, D);
    for (int t = 0; t < T - 1; t++) {
      state = c.step(state, CausalFormsTest.at(q, t), CausalFormsTest.at(k, t), CausalFormsTest.at(v, t)).state();
    }
    LinearAttentionState reordered = state.reorder(order);
    assertEquals(order.length, reordered.batch());
    for (int i = 0; i < order.length; i++) {
      for (int h = 0; h < H; h++) {
        assertClose(state.kv().slice(order[i] * H + h), reordered.kv().slice(i * H + h), 0, "kv " + i + "," + h);
        assertClose(state.z().getRow(order[i] * H + h), reordered.z().getRow(i * H + h), 0, "z " + i + "," + h);
      }
    }
    INDArray q2 = pickBatch(q, order);
    INDArray k2 = pickBatch(k, order);
    INDArray v2 = pickBatch(v, order);
    INDArray expected = CausalFormsTest.at(c.causalQuadratic(q2, k2, v2), T - 1);
    LinearAttention.Step last = c.step(reordered, CausalFormsTest.at(q2, T - 1), CausalFormsTest.at(k2, T - 1),
        CausalFormsTest.at(v2, T - 1));
    assertClose(expected, last.out(), 1e-10, "step after reorder");
  }

  @Test
  void reorderRejectsOutOfRangeBeams() {
    LinearAttentionState s = LinearAttentionState.empty(DataType.DOUBLE, B, H, 2 * D, D);
    assertThrows(LeapseqException.class, () -> s.reorder(new int[] {0, B}));
  }

  @Test
  void monotonicStateReordersPerHead() {
    MonotonicState s = new MonotonicState(new int[] {1, 2, 3, 4, 5, 6}, H);
    assertArrayEquals(new int[] {5, 6, 1, 2, 5, 6}, s.reorder(new int[] {2, 0, 2}).headSteps());
  }
}
