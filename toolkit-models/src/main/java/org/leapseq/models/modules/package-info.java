// SPDX-License-Identifier: Apache-2.0
/**
 * Trainable building blocks with fairseq's parameter names: multi-head attention with a pluggable mechanism
 * (softmax, LeaPformer, cosFormer, ReLU and ELU+1 linear attention), the LeaP proportion MLP and the masking and
 * decoding-state types around them. Sequences are time-major, {@code [T, B, E]}, as in fairseq; per-head tensors
 * are {@code [G, T, D]} with {@code G = B*H} in fairseq's row order {@code g = b*H + h}.
 */
package org.leapseq.models.modules;
