// SPDX-License-Identifier: Apache-2.0
/**
 * Differentiable attention ops on {@link org.leapseq.core.tensor.Tensor}: linear attention (non-causal, causal
 * masked-quadratic and causal chunkwise, each one fused op with a hand-written backward), softmax attention with
 * additive masks, key padding and attention dropout; the feature maps (LeaPformer's among them) live with the
 * mechanisms in {@code org.leapseq.models.modules}. Inputs are head-split {@code [G, T, D]} with {@code G = B*H} groups in fairseq row
 * order {@code g = b*H + h}; the forward numbers equal the INDArray kernels of {@code org.leapseq.models.attention}.
 */
package org.leapseq.models.attention.ops;
