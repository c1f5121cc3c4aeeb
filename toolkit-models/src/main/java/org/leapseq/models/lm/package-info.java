// SPDX-License-Identifier: Apache-2.0
/**
 * fairseq's {@code transformer_lm}: token and positional embeddings, a stack of decoder layers with a selectable
 * self-attention mechanism (LeaPformer among them), the final layer norm and the output projection, under
 * fairseq's parameter names ({@code decoder.layers.0.self_attn.q_proj.weight}).
 */
package org.leapseq.models.lm;
