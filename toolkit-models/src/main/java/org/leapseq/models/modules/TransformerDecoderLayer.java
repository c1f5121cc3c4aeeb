// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.nn.Dropout;
import org.leapseq.core.nn.LayerNorm;
import org.leapseq.core.nn.Linear.Bias;
import org.leapseq.core.nn.Linear;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.AttentionState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * fairseq's {@code TransformerDecoderLayer} without encoder attention (the language-model layer): self-attention,
 * then the feed-forward block, each with dropout, a residual connection and layer norm before
 * ({@code --decoder-normalize-before}) or after. Parameter names: {@code self_attn}, {@code self_attn_layer_norm},
 * {@code fc1}, {@code fc2}, {@code final_layer_norm}.
 */
public final class TransformerDecoderLayer extends Module {
  /**
   * @param embedDim E
   * @param ffnDim the feed-forward hidden size
   * @param heads attention heads
   * @param dropout residual dropout
   * @param attentionDropout attention dropout
   * @param activationDropout dropout after the activation
   * @param activation the feed-forward activation
   * @param normalizeBefore pre-norm (true) or post-norm (false, fairseq's default)
   */
  public record Config(int embedDim, int ffnDim, int heads, double dropout, double attentionDropout,
      double activationDropout, Activation activation, boolean normalizeBefore) {}

  private final Config cfg;
  private final MultiheadAttention selfAttn;
  private final LayerNorm selfAttnLayerNorm;
  private final Linear fc1;
  private final Linear fc2;
  private final LayerNorm finalLayerNorm;
  private final Dropout dropout;
  private final Dropout activationDropout;

  /** Builds the layer; {@code mechanism} selects the self-attention. */
  public TransformerDecoderLayer(Config cfg, AttentionMechanism.Factory mechanism, DataType type, Rng rng) {
    this.cfg = cfg;
    selfAttn = child("self_attn", new MultiheadAttention(
        MultiheadAttention.Config.of(cfg.embedDim(), cfg.heads(), cfg.attentionDropout()), mechanism, type, rng));
    selfAttnLayerNorm = child("self_attn_layer_norm", new LayerNorm(cfg.embedDim(), type));
    fc1 = child("fc1", new Linear(cfg.embedDim(), cfg.ffnDim(), Bias.WITH, type, rng));
    fc2 = child("fc2", new Linear(cfg.ffnDim(), cfg.embedDim(), Bias.WITH, type, rng));
    finalLayerNorm = child("final_layer_norm", new LayerNorm(cfg.embedDim(), type));
    dropout = child("dropout_module", new Dropout(cfg.dropout(), rng));
    activationDropout = child("activation_dropout_module", new Dropout(cfg.activationDropout(), rng));
  }

  /** The self-attention module. */
  public MultiheadAttention selfAttention() {
    return selfAttn;
  }

  /** x: [T, B, E] -> [T, B, E]. */
  public Tensor forward(Tensor x, Masking selfMasking) {
    Tensor h = cfg.normalizeBefore() ? selfAttnLayerNorm.forward(x) : x;
    h = dropout.forward(selfAttn.forward(h, selfMasking)).add(x);
    if (!cfg.normalizeBefore()) {
      h = selfAttnLayerNorm.forward(h);
    }
    return feedForward(h);
  }

  /** One causal decoding step (no gradients): x: [1, B, E] -> the output [1, B, E] and the next state. */
  public AttentionMechanism.Decoded step(AttentionState state, INDArray x) {
    return extend(state, x);
  }

  /** A block of causal decoding steps (no gradients): x: [T, B, E] -> the output [T, B, E] and the next state. */
  public AttentionMechanism.Decoded extend(AttentionState state, INDArray x) {
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor xt = Tensor.constant(x);
      Tensor h = cfg.normalizeBefore() ? selfAttnLayerNorm.forward(xt) : xt;
      AttentionMechanism.Decoded d = selfAttn.extend(state, h.value());
      h = Tensor.constant(d.out()).add(xt);
      if (!cfg.normalizeBefore()) {
        h = selfAttnLayerNorm.forward(h);
      }
      return new AttentionMechanism.Decoded(feedForward(h).value(), d.state());
    }
  }

  private Tensor feedForward(Tensor x) {
    Tensor h = cfg.normalizeBefore() ? finalLayerNorm.forward(x) : x;
    h = activationDropout.forward(cfg.activation().apply(fc1.forward(h)));
    h = dropout.forward(fc2.forward(h)).add(x);
    return cfg.normalizeBefore() ? h : finalLayerNorm.forward(h);
  }
}
