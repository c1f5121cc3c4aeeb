// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ReLU linear attention (LRA {@code attention_linear.py}): phi(x) = ReLU(x); exact denominator in LRA.
 *
 * @param denominator the normalisation rule
 */
public record ReluLinearAttention(Denominator denominator) implements AttentionKernel {
  @Override
  public INDArray attend(INDArray q, INDArray k, INDArray v, KeyPadding padding) {
    INDArray fk = padding.zeroPadded(Transforms.relu(k, true));
    return new LinearAttention(denominator).nonCausal(Transforms.relu(q, true), fk, v);
  }
}
