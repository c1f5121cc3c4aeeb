// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LRA {@code Attention} block: W_q/W_k/W_v, split heads, a core kernel, combine heads, ff. No query scaling.
 *
 * @param wq query projection
 * @param wk key projection
 * @param wv value projection
 * @param ff output projection
 * @param heads H
 * @param core the attention mechanism
 */
public record LraAttentionBlock(Linear wq, Linear wk, Linear wv, Linear ff, int heads, AttentionKernel core) {
  /** x: [B, N, E], padding from the LRA mask -> [B, N, E]. */
  public INDArray forward(INDArray x, KeyPadding padding) {
    INDArray q = HeadLayout.splitBatchMajor(wq.applyLast(x), heads);
    INDArray k = HeadLayout.splitBatchMajor(wk.applyLast(x), heads);
    INDArray v = HeadLayout.splitBatchMajor(wv.applyLast(x), heads);
    return ff.applyLast(HeadLayout.mergeBatchMajor(core.attend(q, k, v, padding), heads));
  }
}
