// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scaled dot-product attention {@code softmax(q k^T) v}; q is expected already scaled (fairseq scales it in the
 * projection). Padded keys and, for {@link Causality#CAUSAL}, future keys get probability 0.
 *
 * @param causality whether query i may see keys j > i
 */
public record SoftmaxAttention(Causality causality) implements AttentionKernel {
  @Override
  public INDArray attend(INDArray q, INDArray k, INDArray v, KeyPadding padding) {
    INDArray kz = padding.isNone() ? null : padding.zeroPadded(k.like().assign(1.0));
    return Groups.map(Groups.count(q), g -> {
      INDArray scores = Groups.at(q, g).mmul(Groups.at(k, g).transpose());
      INDArray allowed = scores.like().assign(1.0);
      if (kz != null) {
        allowed.muliRowVector(Groups.at(kz, g).getColumn(0).reshape(1, k.size(1)));
      }
      if (causality == Causality.CAUSAL) {
        allowed.muli(LinearAttention.lowerTriangle((int) scores.size(0), scores));
      }
      return probabilities(scores, allowed).mmul(Groups.at(v, g));
    });
  }

  /** scores, allowed: [N, S] -> row softmax over the allowed entries, [N, S]. */
  private static INDArray probabilities(INDArray scores, INDArray allowed) {
    INDArray masked = scores.add(allowed.rsub(1.0).muli(-1e30));
    masked.subiColumnVector(masked.max(1).reshape(masked.size(0), 1));
    INDArray e = Transforms.exp(masked, false).muli(allowed);
    return e.diviColumnVector(e.sum(1).reshape(e.size(0), 1));
  }
}
