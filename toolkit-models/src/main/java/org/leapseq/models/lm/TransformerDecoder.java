// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import java.util.Optional;
import java.util.function.Function;
import org.leapseq.core.Require;
import org.leapseq.core.nn.Dropout;
import org.leapseq.core.nn.Embedding;
import org.leapseq.core.nn.Init;
import org.leapseq.core.nn.LayerNorm;
import org.leapseq.core.nn.Linear;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.ModuleList;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.BufferRecycler;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.ShapeOps;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.adaptive.AdaptiveInput;
import org.leapseq.models.adaptive.AdaptiveSoftmax;
import org.leapseq.models.attention.AttentionState;
import org.leapseq.models.attention.KeyPadding;
import org.leapseq.models.modules.AttentionMechanism;
import org.leapseq.models.modules.Masking;
import org.leapseq.models.modules.TransformerDecoderLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * fairseq's {@code TransformerDecoder} without an encoder: {@code embed_scale * embed_tokens(x)} (an
 * {@link AdaptiveInput} under {@code --adaptive-input}), {@code project_in_dim} when the token embedding size
 * differs from E, {@code + positions}, optional {@code layernorm_embedding}, dropout, the layers with a causal mask
 * and the pads as key padding, the final {@code layer_norm} (pre-norm only, unless {@code --no-decoder-final-norm}),
 * {@code project_out_dim} when {@code --decoder-output-dim} differs from E (and weights are not adaptive-tied), and
 * the output layer: an {@link AdaptiveSoftmax} under {@code --adaptive-softmax-cutoff}, else a projection tied to
 * the token embedding or its own bias-free {@code output_projection} initialised normal(0, E_out^-0.5). New
 * projections are xavier-uniform, as fairseq's {@code Linear}.
 */
public final class TransformerDecoder extends Module {
  private final TransformerLmConfig cfg;
  private final int paddingIdx;
  private final DataType type;
  private final Function<INDArray, Tensor> embedTokens;
  private final Linear projectInDim;
  private final Embedding embedPositions;
  private final LayerNorm layernormEmbedding;
  private final ModuleList<TransformerDecoderLayer> layers;
  private final LayerNorm layerNorm;
  private final Linear projectOutDim;
  private final Linear outputProjection;
  private final AdaptiveSoftmax adaptiveSoftmax;
  private final int vocab;
  private final Dropout dropout;
  private final double embedScale;

  /** Builds the decoder for a vocabulary of {@code vocab} symbols with pad index {@code paddingIdx}. */
  public TransformerDecoder(TransformerLmConfig cfg, int vocab, int paddingIdx, AttentionMechanism.Factory mechanism,
      DataType type, Rng rng) {
    this.cfg = cfg;
    this.paddingIdx = paddingIdx;
    this.type = type;
    this.vocab = vocab;
    int e = cfg.decoderEmbedDim();
    Embedding tokens = null;
    AdaptiveInput adaptiveInput = null;
    if (cfg.adaptiveInput()) {
      adaptiveInput = child("embed_tokens", new AdaptiveInput(vocab, paddingIdx, cfg.decoderInputDim(),
          cfg.adaptiveInputFactor(), e, cfg.adaptiveInputCutoffs(), type, rng));
      embedTokens = adaptiveInput::forward;
    } else {
      tokens = child("embed_tokens", new Embedding(vocab, cfg.decoderInputDim(), paddingIdx, type, rng));
      embedTokens = tokens::forward;
    }
    int inputEmbedDim = cfg.adaptiveInput() ? e : cfg.decoderInputDim();
    projectInDim = inputEmbedDim != e
        ? child("project_in_dim", Linear.xavier(inputEmbedDim, e, Linear.Bias.WITHOUT, 1.0, type, rng)) : null;
    embedPositions = cfg.decoderLearnedPos()
        ? child("embed_positions", new Embedding(cfg.maxTargetPositions() + paddingIdx + 1, e, paddingIdx, type, rng))
        : null;
    layernormEmbedding = cfg.layernormEmbedding() ? child("layernorm_embedding", new LayerNorm(e, type)) : null;
    TransformerDecoderLayer.Config layer = new TransformerDecoderLayer.Config(e, cfg.decoderFfnEmbedDim(),
        cfg.decoderAttentionHeads(), cfg.dropout(), cfg.attentionDropout(), cfg.activationDropout(),
        cfg.activationFn(), cfg.decoderNormalizeBefore());
    layers = child("layers",
        ModuleList.of(cfg.decoderLayers(), i -> new TransformerDecoderLayer(layer, mechanism, type, rng)));
    layerNorm = cfg.decoderNormalizeBefore() && !cfg.noDecoderFinalNorm()
        ? child("layer_norm", new LayerNorm(e, type)) : null;
    int out = cfg.decoderOutputDim();
    projectOutDim = e != out && !cfg.tieAdaptiveWeights()
        ? child("project_out_dim", Linear.xavier(e, out, Linear.Bias.WITHOUT, 1.0, type, rng)) : null;
    if (cfg.hasAdaptiveSoftmax()) {
      Require.that(!cfg.tieAdaptiveWeights() || e == out,
          "--tie-adaptive-weights needs --decoder-embed-dim %d == --decoder-output-dim %d", e, out);
      adaptiveSoftmax = child("adaptive_softmax", new AdaptiveSoftmax(vocab, out, cfg.adaptiveSoftmaxCutoffs(),
          cfg.adaptiveSoftmaxDropout(), cfg.adaptiveSoftmaxFactor(),
          cfg.tieAdaptiveWeights() ? Optional.of(adaptiveInput) : Optional.empty(), cfg.tieAdaptiveProj(), type,
          rng));
      outputProjection = null;
    } else if (cfg.shareDecoderInputOutputEmbed()) {
      adaptiveSoftmax = null;
      outputProjection = child("output_projection", Linear.tied(tokens.weight()));
    } else {
      adaptiveSoftmax = null;
      outputProjection = child("output_projection", new Linear(out, vocab, Linear.Bias.WITHOUT, type, rng));
      outputProjection.weight().value().assign(Init.normal(rng, type, 0, Math.pow(out, -0.5), vocab, out));
    }
    dropout = child("dropout_module", new Dropout(cfg.dropout(), rng));
    embedScale = cfg.noScaleEmbedding() ? 1.0 : Math.sqrt(e);
  }

  /** The configuration. */
  public TransformerLmConfig config() {
    return cfg;
  }

  /** The layers. */
  public ModuleList<TransformerDecoderLayer> layers() {
    return layers;
  }

  /** tokens: [B, T] row-major ids -> logits [B, T, V]; only without an adaptive softmax. */
  public Tensor forward(int[] tokens, int width) {
    return logits(features(tokens, width));
  }

  /** features [B, T, E_out] -> logits [B, T, V] through {@code output_projection}; not with an adaptive softmax. */
  public Tensor logits(Tensor features) {
    Require.that(outputProjection != null,
        "this decoder predicts through its adaptive softmax: use adaptiveSoftmax() (getLogProb or adaptive_loss)");
    return outputProjection.forward(features);
  }

  /** The [V, E_out] weight of {@code output_projection} (tied or own, never with a bias), or empty. */
  public Optional<Tensor> outputWeight() {
    return outputProjection != null && !outputProjection.hasBias()
        ? Optional.of(outputProjection.weight()) : Optional.empty();
  }

  /** The adaptive softmax ({@code --adaptive-softmax-cutoff}), or empty. */
  public Optional<AdaptiveSoftmax> adaptiveSoftmax() {
    return Optional.ofNullable(adaptiveSoftmax);
  }

  /** V. */
  public int vocabSize() {
    return vocab;
  }

  /** The pad index. */
  public int paddingIdx() {
    return paddingIdx;
  }

  /**
   * tokens: [B, T] row-major ids -> the features before the output layer, [B, T, E_out] (after the final layer
   * norm and {@code project_out_dim}).
   */
  public Tensor features(int[] tokens, int width) {
    Require.that(width <= cfg.maxTargetPositions(), "sequence of %d tokens exceeds --max-target-positions %d",
        width, cfg.maxTargetPositions());
    Tensor x = embed(tokens, width, Positions.make(tokens, width, paddingIdx));
    Masking masking = new Masking(true, padding(tokens, width), null);
    for (TransformerDecoderLayer layer : layers) {
      x = layer.forward(x, masking);
      BufferRecycler.atBoundary();      // the layer's temporaries are garbage now
    }
    return output(x);
  }

  /** The decoding state before the first token, for {@code batch} rows: one attention state per layer. */
  public DecoderState emptyState(int batch) {
    AttentionState[] states = new AttentionState[layers.size()];
    for (int i = 0; i < states.length; i++) {
      states[i] = layers.get(i).selfAttention().emptyState(batch, type);
    }
    return new DecoderState(states, 0);
  }

  /**
   * Continues every row by a block of T tokens (no pads; no gradients): tokens [B, T] row-major -> the features of
   * the block, [B, T, E_out], and the state after it. Token i of the block sits at position
   * {@code state.steps() + i}, so running a sequence block by block (or token by token) gives the numbers of one
   * {@link #features} call over the whole sequence, in O(1) time per token for linear attention.
   */
  public Decoded extend(DecoderState state, int[] tokens, int width) {
    Require.that(width > 0 && tokens.length % width == 0, "%d tokens are not rows of width %d", tokens.length, width);
    int batch = tokens.length / width;
    Require.that(state.batch() == batch, "decoding state holds %d rows, got %d", state.batch(), batch);
    long end = state.steps() + width;
    Require.that(embedPositions == null || end <= cfg.maxTargetPositions(),
        "position %d exceeds --max-target-positions %d of the learned position embeddings", end,
        cfg.maxTargetPositions());
    int[] positions = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      Require.that(tokens[i] != paddingIdx, "decoding blocks take no pad tokens");
      positions[i] = (int) (paddingIdx + 1 + state.steps() + i % width);
    }
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor x = embed(tokens, width, positions);
      AttentionState[] next = new AttentionState[layers.size()];
      INDArray h = x.value();
      for (int i = 0; i < next.length; i++) {
        AttentionMechanism.Decoded d = layers.get(i).extend(state.layer(i), h);
        h = d.out();
        next[i] = d.state();
      }
      return new Decoded(output(Tensor.constant(h)), new DecoderState(next, end));
    }
  }

  /** A block's features [B, T, E_out] and the decoding state after it. */
  public record Decoded(Tensor features, DecoderState state) {}

  /** Token and position embeddings of [B, T] ids at the given positions -> the layers' input [T, B, E]. */
  private Tensor embed(int[] tokens, int width, int[] positions) {
    int batch = tokens.length / width;
    INDArray ids = Nd4j.createFromArray(tokens).reshape(batch, width);
    Tensor x = embedTokens.apply(ids).mul(embedScale);
    if (projectInDim != null) {
      x = projectInDim.forward(x);
    }
    Tensor pos = embedPositions != null
        ? embedPositions.forward(Nd4j.createFromArray(positions).reshape(batch, width))
        : Tensor.constant(Positions.sinusoidal(positions, cfg.decoderEmbedDim(), paddingIdx, type)
            .reshape(batch, width, cfg.decoderEmbedDim()));
    x = x.add(pos);
    if (layernormEmbedding != null) {
      x = layernormEmbedding.forward(x);
    }
    return ShapeOps.permute(dropout.forward(x), 1, 0, 2);
  }

  /** The layers' output [T, B, E] -> features [B, T, E_out]. */
  private Tensor output(Tensor x) {
    if (layerNorm != null) {
      x = layerNorm.forward(x);
    }
    x = ShapeOps.permute(x, 1, 0, 2);
    return projectOutDim != null ? projectOutDim.forward(x) : x;
  }

  /** The pads of each row as key padding, or NONE when there are none (fairseq passes no mask then). */
  private KeyPadding padding(int[] tokens, int width) {
    boolean any = false;
    boolean[][] pad = new boolean[tokens.length / width][width];
    for (int i = 0; i < tokens.length; i++) {
      pad[i / width][i % width] = tokens[i] == paddingIdx;
      any |= tokens[i] == paddingIdx;
    }
    return any ? KeyPadding.fromPad(pad) : KeyPadding.NONE;
  }
}
