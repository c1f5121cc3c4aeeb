// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A non-causal attention mechanism on projected, head-split inputs; implementations are small pure functions
 * (softmax, linear feature maps, cosFormer, LeaPformer).
 */
public interface AttentionKernel {
  /** q: [G, N, D], k: [G, S, D], v: [G, S, D] -> [G, N, D]; padded keys take no part. */
  INDArray attend(INDArray q, INDArray k, INDArray v, KeyPadding padding);
}
