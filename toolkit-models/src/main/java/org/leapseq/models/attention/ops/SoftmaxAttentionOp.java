// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.leapseq.core.Require;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.KeyPadding;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Differentiable scaled dot-product attention {@code dropout(softmax(q k^T + mask)) v} as one fused op. q is
 * expected already scaled (fairseq scales it in the projection). Padded keys get negative infinity; a row with no
 * allowed key gets all-zero probabilities, so its output and gradients are 0, not NaN. Scores and values use one
 * 2-D gemm per group (ND4J's rank-3 matmul is several times slower, see {@code SoftmaxGemmBench}).
 */
public final class SoftmaxAttentionOp {
  private SoftmaxAttentionOp() {}

  /** q: [G, T, D], k: [G, S, D], v: [G, S, E], mask [T, S] -> [G, T, E]. */
  public static Tensor attend(
      Tensor q, Tensor k, Tensor v, AdditiveMask mask, KeyPadding padding, AttentionDropout dropout) {
    Require.that(q.rank() == 3 && k.rank() == 3 && v.rank() == 3, "softmax attention needs [G, T, D] inputs");
    Require.that(q.size(0) == k.size(0) && k.size(0) == v.size(0) && q.size(2) == k.size(2)
        && k.size(1) == v.size(1), "shapes q %s, k %s, v %s do not fit", q.value().shapeInfoToString(),
        k.value().shapeInfoToString(), v.value().shapeInfoToString());
    INDArray qv = OpArrays.contiguous(q.value());
    INDArray kv = OpArrays.contiguous(k.value());
    INDArray vv = OpArrays.contiguous(v.value());
    INDArray p = SoftmaxRows.probabilities(GroupGemm.scores(qv, kv), mask, padding);   // [G, T, S]
    INDArray keep = dropout.isActive() ? dropout.keepMask(p.dataType(), p.shape()) : null;
    INDArray pd = keep == null ? p : p.mul(keep);
    INDArray out = GroupGemm.product(pd, vv, false);                                     // [G, T, E]
    return Tensor.record(out, g -> {
      INDArray gc = OpArrays.contiguous(g);
      if (v.requiresGrad()) {
        v.addFreshGrad(GroupGemm.product(pd, gc, true));
      }
      if (q.requiresGrad() || k.requiresGrad()) {
        INDArray gp = GroupGemm.scores(gc, vv);                                            // [G, T, S]
        if (keep != null) {
          gp.muli(keep);
        }
        INDArray gs = SoftmaxRows.backward(p, gp);
        if (q.requiresGrad()) {
          q.addFreshGrad(GroupGemm.product(gs, kv, false));
        }
        if (k.requiresGrad()) {
          k.addFreshGrad(GroupGemm.product(gs, qv, true));
        }
      }
    }, q, k, v);
  }

  /** Per-group 2-D gemms into [G, ...] results. */
  static final class GroupGemm {
    private GroupGemm() {}

    /** a: [G, T, D], b: [G, S, D] -> a b^T: [G, T, S]. */
    static INDArray scores(INDArray a, INDArray b) {
      INDArray out = Nd4j.create(a.dataType(), a.size(0), a.size(1), b.size(1));
      for (int g = 0; g < a.size(0); g++) {
        out.slice(g).assign(Nd4j.gemm(a.slice(g), b.slice(g), false, true));
      }
      return out;
    }

    /** a: [G, T, S], b: [G, S, E] -> a b: [G, T, E]; transposed: a: [G, T, S], b: [G, T, E] -> a^T b: [G, S, E]. */
    static INDArray product(INDArray a, INDArray b, boolean transposeA) {
      long rows = transposeA ? a.size(2) : a.size(1);
      INDArray out = Nd4j.create(a.dataType(), a.size(0), rows, b.size(2));
      for (int g = 0; g < a.size(0); g++) {
        out.slice(g).assign(Nd4j.gemm(a.slice(g), b.slice(g), transposeA, false));
      }
      return out;
    }
  }
}
