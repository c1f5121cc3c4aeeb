// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.leapseq.core.tensor.Gemm;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.KeyPadding;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Causal softmax attention by blocks of query rows: the rows [r0, r1) only see keys [0, r1), so each block's scores,
 * probabilities and products stop at its own diagonal instead of running over the full [T, T] square and masking
 * half of it away. The full form's values up to rounding (its masked entries only add exact zeros), at (n + 1) / 2n
 * of its score and product work and saved probabilities for n blocks (56% at T = 1024 with 128-row blocks). Used
 * for {@link AdditiveMask#causal} masks without key padding or attention dropout.
 */
final class CausalBlocks {
  /** Query rows per block. */
  static final int ROWS = 128;

  private CausalBlocks() {}

  /** q: [G, T, D] (scaled), k: [G, T, D], v: [G, T, E], mask: {@link AdditiveMask#causal(int)} -> [G, T, E]. */
  static Tensor attend(Tensor q, Tensor k, Tensor v, AdditiveMask mask, int rows) {
    INDArray qv = OpArrays.contiguous(q.value());
    INDArray kv = OpArrays.contiguous(k.value());
    INDArray vv = OpArrays.contiguous(v.value());
    long groups = qv.size(0);
    long t = qv.size(1);
    int blocks = (int) ((t + rows - 1) / rows);
    INDArray bias = mask.bias(t, t, qv.dataType());
    INDArray[] probs = new INDArray[blocks];
    INDArray out = Nd4j.createUninitialized(vv.dataType(), groups, t, vv.size(2));
    for (int i = 0; i < blocks; i++) {
      long r0 = (long) i * rows;
      long r1 = Math.min(t, r0 + rows);
      INDArray scores = Gemm.product(rowsOf(qv, r0, r1), false, rowsOf(kv, 0, r1), true);   // [G, b, r1]
      INDArray blockBias = bias.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.interval(0, r1)).dup('c');
      scores.reshape('c', groups, (r1 - r0) * r1).addiRowVector(blockBias.reshape('c', 1, (r1 - r0) * r1));
      probs[i] = SoftmaxRows.probabilities(scores, AdditiveMask.NONE, KeyPadding.NONE);
      Gemm.into(probs[i], false, rowsOf(vv, 0, r1), false, rowsOf(out, r0, r1), 1.0, 0.0);
    }
    Tensor.Slot qs = q.slot();
    Tensor.Slot ks = k.slot();
    Tensor.Slot vs = v.slot();
    return Tensor.record(out, g -> {
      INDArray gc = OpArrays.contiguous(g);
      INDArray gq = qs.requiresGrad() ? Nd4j.createUninitialized(qv.dataType(), qv.shape()) : null;
      INDArray gk = ks.requiresGrad() ? Nd4j.zeros(kv.dataType(), kv.shape()) : null;
      INDArray gv = vs.requiresGrad() ? Nd4j.zeros(vv.dataType(), vv.shape()) : null;
      for (int i = 0; i < blocks; i++) {
        long r0 = (long) i * rows;
        long r1 = Math.min(t, r0 + rows);
        INDArray gi = rowsOf(gc, r0, r1);
        if (gv != null) {
          Gemm.into(probs[i], true, gi, false, rowsOf(gv, 0, r1), 1.0, 1.0);
        }
        if (gq != null || gk != null) {
          INDArray gs = SoftmaxRows.backward(probs[i], Gemm.product(gi, false, rowsOf(vv, 0, r1), true));
          if (gq != null) {
            Gemm.into(gs, false, rowsOf(kv, 0, r1), false, rowsOf(gq, r0, r1), 1.0, 0.0);
          }
          if (gk != null) {
            Gemm.into(gs, true, rowsOf(qv, r0, r1), false, rowsOf(gk, 0, r1), 1.0, 1.0);
          }
        }
        probs[i] = null;                  // each block's probabilities are done with once its gradients are out
      }
      qs.addFreshGrad(gq);
      ks.addFreshGrad(gk);
      vs.addFreshGrad(gv);
    }, q, k, v);
  }

  /** Rows [r0, r1) of every group of x: [G, T, X], a view (each group's rows stay dense, as BLAS wants them). */
  private static INDArray rowsOf(INDArray x, long r0, long r1) {
    return r0 == 0 && r1 == x.size(1) ? x : x.get(slab(r0, r1));
  }

  private static INDArrayIndex[] slab(long r0, long r1) {
    return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(r0, r1), NDArrayIndex.all()};
  }
}
