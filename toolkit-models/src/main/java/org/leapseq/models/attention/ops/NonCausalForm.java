// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every query sees every key: {@code num = q (k^T va)}, O(T F D) per group. */
final class NonCausalForm implements NumeratorForm {
  @Override
  public INDArray forward(INDArray q, INDArray k, INDArray va) {
    INDArray out = Nd4j.create(q.dataType(), q.size(0), q.size(1), va.size(2));
    for (int g = 0; g < q.size(0); g++) {
      INDArray kv = Nd4j.gemm(k.slice(g), va.slice(g), true, false);   // [F, D+1]
      out.slice(g).assign(Nd4j.gemm(q.slice(g), kv, false, false));
    }
    return out;
  }

  @Override
  public Grads backward(INDArray q, INDArray k, INDArray va, INDArray g) {
    INDArray gq = Nd4j.create(q.dataType(), q.shape());
    INDArray gk = Nd4j.create(k.dataType(), k.shape());
    INDArray gva = Nd4j.create(va.dataType(), va.shape());
    for (int i = 0; i < q.size(0); i++) {
      INDArray gi = g.slice(i);
      INDArray kv = Nd4j.gemm(k.slice(i), va.slice(i), true, false);     // [F, D+1]
      INDArray gkv = Nd4j.gemm(q.slice(i), gi, true, false);             // [F, D+1]
      gq.slice(i).assign(Nd4j.gemm(gi, kv, false, true));
      gk.slice(i).assign(Nd4j.gemm(va.slice(i), gkv, false, true));
      gva.slice(i).assign(Nd4j.gemm(k.slice(i), gkv, false, false));
    }
    return new Grads(gq, gk, gva);
  }
}
