// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Causal masked-quadratic form (the fairseq training path): {@code num = ((q k^T) ⊙ tril) va}, O(T^2) time; the
 * [T, T] score matrix lives for one group at a time and is recomputed in the backward.
 */
final class QuadraticForm implements NumeratorForm {
  @Override
  public INDArray forward(INDArray q, INDArray k, INDArray va) {
    INDArray tril = OpArrays.lowerTriangle((int) q.size(1), q.dataType());
    INDArray out = Nd4j.create(q.dataType(), q.size(0), q.size(1), va.size(2));
    for (int g = 0; g < q.size(0); g++) {
      INDArray a = Nd4j.gemm(q.slice(g), k.slice(g), false, true).muli(tril);   // [T, T]
      out.slice(g).assign(Nd4j.gemm(a, va.slice(g), false, false));
    }
    return out;
  }

  @Override
  public Grads backward(INDArray q, INDArray k, INDArray va, INDArray g) {
    INDArray tril = OpArrays.lowerTriangle((int) q.size(1), q.dataType());
    INDArray gq = Nd4j.create(q.dataType(), q.shape());
    INDArray gk = Nd4j.create(k.dataType(), k.shape());
    INDArray gva = Nd4j.create(va.dataType(), va.shape());
    for (int i = 0; i < q.size(0); i++) {
      INDArray qi = q.slice(i);
      INDArray ki = k.slice(i);
      INDArray gi = g.slice(i);
      INDArray a = Nd4j.gemm(qi, ki, false, true).muli(tril);                 // [T, T]
      INDArray ga = Nd4j.gemm(gi, va.slice(i), false, true).muli(tril);       // [T, T]
      gq.slice(i).assign(Nd4j.gemm(ga, ki, false, false));
      gk.slice(i).assign(Nd4j.gemm(ga, qi, true, false));
      gva.slice(i).assign(Nd4j.gemm(a, gi, true, false));
    }
    return new Grads(gq, gk, gva);
  }
}
