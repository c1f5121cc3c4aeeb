// SPDX-License-Identifier: Apache-2.0
/**
 * Forward attention kernels on plain ND4J arrays: softmax, ReLU/ELU linear attention, cosFormer and LeaPformer
 * (non-causal, causal masked-quadratic, causal chunkwise and recurrent), the wait-k prefix-masked LeaPformer
 * cross-attention of SimulST, and the fairseq and LRA wrapper math around them. Per-head tensors are
 * {@code [G, N, D]} with {@code G = B*H} groups in fairseq row order {@code g = b*H + h}; every kernel is a pure
 * function of already projected q, k, v (plus proportions and masks) so each can later become a fused op with its
 * own backward.
 */
package org.leapseq.models.attention;
