// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * cosFormer (LRA {@code attention_cosformer.py}): ReLU features re-weighted by the fixed proportion {@code i/N},
 * i = 1..N, with N the (padded) query length for queries and keys alike; exact denominator in LRA.
 *
 * @param denominator the normalisation rule
 */
public record CosformerAttention(Denominator denominator) implements AttentionKernel {
  @Override
  public INDArray attend(INDArray q, INDArray k, INDArray v, KeyPadding padding) {
    long n = q.size(1);
    INDArray fq = LeapformerAttention.reweight(Transforms.relu(q, true), positions(q, q.size(1), n));
    INDArray fk = padding.zeroPadded(Transforms.relu(k, true));
    fk = LeapformerAttention.reweight(fk, positions(k, k.size(1), n));
    return new LinearAttention(denominator).nonCausal(fq, fk, v);
  }

  /** [G, L, 1] holding (i+1)/n for position i. */
  private static INDArray positions(INDArray like, long length, long n) {
    INDArray p = Nd4j.arange(1, length + 1).castTo(like.dataType()).divi(n).reshape(1, length, 1);
    return p.repeat(0, like.size(0));
  }
}
