// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.leapseq.core.Require;
import org.leapseq.core.tensor.Gemm;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.KeyPadding;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Differentiable scaled dot-product attention {@code dropout(softmax(q k^T + mask)) v} as one fused op. q is
 * expected already scaled (fairseq scales it in the projection). Padded keys get negative infinity; a row with no
 * allowed key gets all-zero probabilities, so its output and gradients are 0, not NaN. Scores and values are
 * per-group BLAS products ({@link Gemm}); exactly causal masks run by blocks of rows ({@link CausalBlocks}).
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
    if (mask.isCausal() && padding.isNone() && !dropout.isActive() && q.size(1) >= 2 * CausalBlocks.ROWS
        && q.size(1) == k.size(1)) {
      return CausalBlocks.attend(q, k, v, mask, CausalBlocks.ROWS);
    }
    INDArray qv = OpArrays.contiguous(q.value());
    INDArray kv = OpArrays.contiguous(k.value());
    INDArray vv = OpArrays.contiguous(v.value());
    INDArray p = SoftmaxRows.probabilities(Gemm.product(qv, false, kv, true), mask, padding);  // [G, T, S]
    INDArray keep = dropout.isActive() ? dropout.keepMask(p.dataType(), p.shape()) : null;
    INDArray pd = keep == null ? p : p.mul(keep);
    INDArray out = Gemm.product(pd, false, vv, false);                                         // [G, T, E]
    Tensor.Slot qs = q.slot();
    Tensor.Slot ks = k.slot();
    Tensor.Slot vs = v.slot();
    return Tensor.record(out, g -> {
      INDArray gc = OpArrays.contiguous(g);
      if (vs.requiresGrad()) {
        vs.addFreshGrad(Gemm.product(pd, true, gc, false));
      }
      if (qs.requiresGrad() || ks.requiresGrad()) {
        INDArray gp = Gemm.product(gc, false, vv, true);                                       // [G, T, S]
        if (keep != null) {
          gp.muli(keep);
        }
        INDArray gs = SoftmaxRows.backward(p, gp);
        if (qs.requiresGrad()) {
          qs.addFreshGrad(Gemm.product(gs, false, kv, false));
        }
        if (ks.requiresGrad()) {
          ks.addFreshGrad(Gemm.product(gs, true, qv, false));
        }
      }
    }, q, k, v);
  }
}
