// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.Require;
import org.leapseq.core.nn.Init;
import org.leapseq.core.nn.Linear.Bias;
import org.leapseq.core.nn.Linear;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.ShapeOps;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.AttentionState;
import org.leapseq.models.attention.KeyPadding;
import org.leapseq.models.attention.ops.AttentionDropout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * fairseq's {@code MultiheadAttention}: {@code k_proj}, {@code v_proj}, {@code q_proj}, {@code out_proj} with
 * bias, {@code q *= head_dim^-0.5}, heads split as {@code g = b*H + h}, and a pluggable {@link AttentionMechanism}
 * between the projections. Initialisation as fairseq: xavier-uniform q/k/v weights with gain 1/sqrt(2) when the
 * key and value sizes equal the embedding size (gain 1 otherwise) and PyTorch's default bias init; xavier-uniform
 * {@code out_proj.weight} with a zero bias. Time-major: x is [T, B, E].
 */
public final class MultiheadAttention extends Module {
  /**
   * @param embedDim E
   * @param heads H (must divide E)
   * @param kdim the size of incoming keys
   * @param vdim the size of incoming values
   * @param attentionDropout dropout on the attention weights (as the mechanism defines them)
   * @param scaleQueries multiply q by head_dim^-0.5 (fairseq); LRA's LeaPformer does not
   */
  public record Config(int embedDim, int heads, int kdim, int vdim, double attentionDropout, boolean scaleQueries) {
    /** Checks the sizes. */
    public Config {
      Require.that(embedDim > 0 && heads > 0 && embedDim % heads == 0,
          "embed_dim %d must be a positive multiple of the attention heads %d", embedDim, heads);
      Require.that(kdim > 0 && vdim > 0, "kdim/vdim must be positive");
      Require.that(attentionDropout >= 0 && attentionDropout < 1, "--attention-dropout %s not in [0, 1)",
          attentionDropout);
    }

    /** Self-attention (or cross-attention from an encoder of the same size) with fairseq's q scaling. */
    public static Config of(int embedDim, int heads, double attentionDropout) {
      return new Config(embedDim, heads, embedDim, embedDim, attentionDropout, true);
    }
  }

  private final Config cfg;
  private final int headDim;
  private final Linear kProj;
  private final Linear vProj;
  private final Linear qProj;
  private final Linear outProj;
  private final AttentionMechanism mechanism;
  private final Rng rng;

  /** Builds the projections, then the mechanism (whose parameters register after {@code out_proj}). */
  public MultiheadAttention(Config cfg, AttentionMechanism.Factory mechanism, DataType type, Rng rng) {
    this.cfg = cfg;
    this.rng = rng;
    int e = cfg.embedDim();
    headDim = e / cfg.heads();
    kProj = child("k_proj", new Linear(cfg.kdim(), e, Bias.WITH, type, rng));
    vProj = child("v_proj", new Linear(cfg.vdim(), e, Bias.WITH, type, rng));
    qProj = child("q_proj", new Linear(e, e, Bias.WITH, type, rng));
    outProj = child("out_proj", new Linear(e, e, Bias.WITH, type, rng));
    double gain = cfg.kdim() == e && cfg.vdim() == e ? 1 / Math.sqrt(2) : 1.0;
    for (Linear proj : new Linear[] {kProj, vProj, qProj}) {
      reinit(proj, gain, type, rng);
    }
    reinit(outProj, 1.0, type, rng);
    outProj.bias().value().assign(0);
    this.mechanism = mechanism.create(
        new AttentionMechanism.Context(cfg.heads(), headDim, type, rng, (name, m) -> child(name, m)));
  }

  /** The configuration. */
  public Config config() {
    return cfg;
  }

  /** The mechanism between the projections. */
  public AttentionMechanism mechanism() {
    return mechanism;
  }

  /** query: [T, B, E], key: [S, B, kdim], value: [S, B, vdim] -> [T, B, E]. */
  public Tensor forward(Tensor query, Tensor key, Tensor value, Masking masking) {
    Require.that(query.rank() == 3 && key.rank() == 3 && value.rank() == 3, "attention inputs must be [T, B, E]");
    Require.that(key.size(1) == query.size(1) && value.size(1) == query.size(1) && key.size(0) == value.size(0),
        "attention batch/length mismatch: query %d x %d, key %d x %d, value %d x %d", query.size(0), query.size(1),
        key.size(0), key.size(1), value.size(0), value.size(1));
    Tensor q = split(projectQuery(query));
    Tensor k = split(kProj.forward(key));
    Tensor v = split(vProj.forward(value));
    AttentionDropout dropout = AttentionDropout.of(cfg.attentionDropout(), phase(), rng);
    return outProj.forward(merge(mechanism.attend(q, k, v, masking, dropout), query.size(1)));
  }

  /** Self-attention: forward(x, x, x, masking). */
  public Tensor forward(Tensor x, Masking masking) {
    return forward(x, x, x, masking);
  }

  /** The decoding state before the first step, for batch B. */
  public AttentionState emptyState(int batch, DataType type) {
    return mechanism.emptyState(type, batch, cfg.heads(), headDim);
  }

  /** One causal self-attention step (no gradients): x: [1, B, E] -> out [1, B, E] and the next state. */
  public AttentionMechanism.Decoded step(AttentionState state, INDArray x) {
    Require.that(x.rank() == 3 && x.size(0) == 1, "a decoding step takes x [1, B, E], got %s", x.shapeInfoToString());
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor xt = Tensor.constant(x);
      INDArray q = groupRows(projectQuery(xt).value());
      INDArray k = groupRows(kProj.forward(xt).value());
      INDArray v = groupRows(vProj.forward(xt).value());
      AttentionMechanism.Decoded d = mechanism.step(state, q, k, v);
      INDArray out = outProj.forward(Tensor.constant(d.out().reshape(1, x.size(1), x.size(2)))).value();
      return new AttentionMechanism.Decoded(out, d.state());
    }
  }

  /**
   * A block of T causal self-attention steps (no gradients): x: [T, B, E] continuing the sequence the state holds
   * -> out [T, B, E] and the state after the block (see {@link AttentionMechanism#extend}).
   */
  public AttentionMechanism.Decoded extend(AttentionState state, INDArray x) {
    Require.that(x.rank() == 3, "a decoding block takes x [T, B, E], got %s", x.shapeInfoToString());
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor xt = Tensor.constant(x);
      INDArray q = split(projectQuery(xt)).value().dup('c');
      INDArray k = split(kProj.forward(xt)).value().dup('c');
      INDArray v = split(vProj.forward(xt)).value().dup('c');
      AttentionMechanism.Decoded d = mechanism.extend(state, q, k, v);
      INDArray out = outProj.forward(merge(Tensor.constant(d.out()), x.size(1))).value();
      return new AttentionMechanism.Decoded(out, d.state());
    }
  }

  /** Encoder keys/values [S, B, *] summarised once for cross-attention (no gradients). */
  public AttentionState memory(INDArray key, INDArray value, KeyPadding padding) {
    try (NoGrad ignored = NoGrad.enter()) {
      INDArray k = split(kProj.forward(Tensor.constant(key))).value().dup('c');
      INDArray v = split(vProj.forward(Tensor.constant(value))).value().dup('c');
      return mechanism.memory(k, v, padding, cfg.heads());
    }
  }

  /** Cross-attention queries [T, B, E] read against a {@link #memory} -> [T, B, E] (no gradients). */
  public INDArray read(AttentionState memory, INDArray query) {
    try (NoGrad ignored = NoGrad.enter()) {
      INDArray q = split(projectQuery(Tensor.constant(query))).value().dup('c');
      INDArray attn = mechanism.read(memory, q);
      return outProj.forward(merge(Tensor.constant(attn), query.size(1))).value();
    }
  }

  private static void reinit(Linear proj, double gain, DataType type, Rng rng) {
    proj.weight().value().assign(Init.xavierUniform(rng, type, gain, proj.outFeatures(), proj.inFeatures()));
  }

  private Tensor projectQuery(Tensor query) {
    Tensor q = qProj.forward(query);
    return cfg.scaleQueries() ? q.mul(Math.pow(headDim, -0.5)) : q;
  }

  /** [T, B, E] -> [B*H, T, D], dense (the mechanisms run several elementwise ops over each head). */
  private Tensor split(Tensor x) {
    return ShapeOps.contiguous(ShapeOps.permute(x.reshape(x.size(0), x.size(1) * cfg.heads(), headDim), 1, 0, 2));
  }

  /** [B*H, T, D] -> [T, B, E]. */
  private Tensor merge(Tensor x, long batch) {
    return ShapeOps.permute(x, 1, 0, 2).reshape(x.size(1), batch, cfg.embedDim());
  }

  /** [1, B, E] -> [B*H, D]. */
  private INDArray groupRows(INDArray x) {
    return x.reshape(x.size(1) * cfg.heads(), headDim);
  }
}
