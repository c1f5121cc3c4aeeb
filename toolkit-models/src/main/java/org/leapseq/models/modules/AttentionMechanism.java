// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.AttentionState;
import org.leapseq.models.attention.KeyPadding;
import org.leapseq.models.attention.ops.AttentionDropout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How attention turns projected, head-split queries, keys and values into outputs. {@link MultiheadAttention}
 * owns the projections; a mechanism owns only what is specific to it (the LeaP MLPs, registered on the attention
 * module under fairseq's names). Training goes through {@link #attend}; decoding through {@link #emptyState} and
 * {@link #step} (self-attention) or {@link #memory} and {@link #read} (cross-attention), without gradients.
 */
public interface AttentionMechanism {
  /**
   * q: [G, T, D], k and v: [G, S, D] -> [G, T, D]. Causal masking needs T == S; padded keys take no part.
   *
   * @param dropout attention dropout, applied as the mechanism defines it
   */
  Tensor attend(Tensor q, Tensor k, Tensor v, Masking masking, AttentionDropout dropout);

  /** The state before the first decoding step, for batch B, H heads of size D. */
  AttentionState emptyState(DataType type, int batch, int heads, int headDim);

  /** One causal step: q, k, v: [G, D] -> the output [G, D] and the state after it. */
  Decoded step(AttentionState state, INDArray q, INDArray k, INDArray v);

  /**
   * A block of T causal steps at once (no gradients): q, k, v: [G, T, D] continue the sequence the state holds;
   * query i sees every earlier key and the block's keys up to i. Returns the outputs [G, T, D] and the state after
   * the block; the same numbers as T calls of {@link #step}, computed as one block.
   */
  Decoded extend(AttentionState state, INDArray q, INDArray k, INDArray v);

  /** Encoder keys and values [G, S, D] summarised once for cross-attention (padded keys excluded). */
  AttentionState memory(INDArray k, INDArray v, KeyPadding padding, int heads);

  /** Queries [G, N, D] read against a {@link #memory} -> [G, N, D]. */
  INDArray read(AttentionState memory, INDArray q);

  /** A decoding step's output and next state. */
  record Decoded(INDArray out, AttentionState state) {}

  /** Where a mechanism is built: sizes, dtype, random stream, and the module its parameters belong to. */
  record Context(int heads, int headDim, DataType dtype, Rng rng, Owner owner) {}

  /** Registers a mechanism's parameters on the attention module (so names read {@code self_attn.q_LeaP.0.weight}). */
  @FunctionalInterface
  interface Owner {
    /** Adds {@code module} as a child named {@code name}. */
    void register(String name, Module module);
  }

  /** Builds a mechanism for one attention module. */
  @FunctionalInterface
  interface Factory {
    /** The mechanism for this context. */
    AttentionMechanism create(Context context);
  }
}
