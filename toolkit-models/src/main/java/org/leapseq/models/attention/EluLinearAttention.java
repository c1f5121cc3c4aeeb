// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ELU+1 linear attention (Katharopoulos et al.; LRA {@code attention_elu_linear.py}): phi(x) = ELU(x) + 1.
 *
 * @param denominator the normalisation rule
 */
public record EluLinearAttention(Denominator denominator) implements AttentionKernel {
  @Override
  public INDArray attend(INDArray q, INDArray k, INDArray v, KeyPadding padding) {
    INDArray fk = padding.zeroPadded(feature(k));
    return new LinearAttention(denominator).nonCausal(feature(q), fk, v);
  }

  /** x: [G, N, D] -> ELU(x) + 1, [G, N, D]. */
  public static INDArray feature(INDArray x) {
    return Transforms.elu(x, true).addi(1.0);
  }
}
