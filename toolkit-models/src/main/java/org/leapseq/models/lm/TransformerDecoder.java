// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import org.leapseq.core.Require;
import org.leapseq.core.nn.Dropout;
import org.leapseq.core.nn.Embedding;
import org.leapseq.core.nn.LayerNorm;
import org.leapseq.core.nn.Linear;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.ModuleList;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.ShapeOps;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.KeyPadding;
import org.leapseq.models.modules.AttentionMechanism;
import org.leapseq.models.modules.Masking;
import org.leapseq.models.modules.TransformerDecoderLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * fairseq's {@code TransformerDecoder} without an encoder: {@code embed_scale * embed_tokens(x) + positions},
 * optional {@code layernorm_embedding}, dropout, the layers with a causal mask and the pads as key padding, the final
 * {@code layer_norm} (pre-norm only, unless {@code --no-decoder-final-norm}) and the output projection, tied to the
 * token embedding or its own bias-free {@code output_projection} initialised normal(0, E^-0.5).
 */
public final class TransformerDecoder extends Module {
  private final TransformerLmConfig cfg;
  private final int paddingIdx;
  private final DataType type;
  private final Embedding embedTokens;
  private final Embedding embedPositions;
  private final LayerNorm layernormEmbedding;
  private final ModuleList<TransformerDecoderLayer> layers;
  private final LayerNorm layerNorm;
  private final Linear outputProjection;
  private final Dropout dropout;
  private final double embedScale;

  /** Builds the decoder for a vocabulary of {@code vocab} symbols with pad index {@code paddingIdx}. */
  public TransformerDecoder(TransformerLmConfig cfg, int vocab, int paddingIdx, AttentionMechanism.Factory mechanism,
      DataType type, Rng rng) {
    this.cfg = cfg;
    this.paddingIdx = paddingIdx;
    this.type = type;
    int e = cfg.decoderEmbedDim();
    embedTokens = child("embed_tokens", new Embedding(vocab, e, paddingIdx, type, rng));
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
    if (cfg.shareDecoderInputOutputEmbed()) {
      outputProjection = child("output_projection", Linear.tied(embedTokens.weight()));
    } else {
      outputProjection = child("output_projection", new Linear(e, vocab, Linear.Bias.WITHOUT, type, rng));
      outputProjection.weight().value().assign(
          org.leapseq.core.nn.Init.normal(rng, type, 0, Math.pow(e, -0.5), vocab, e));
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

  /** tokens: [B, T] row-major ids -> logits [B, T, V]. */
  public Tensor forward(int[] tokens, int width) {
    return outputProjection.forward(features(tokens, width));
  }

  /** tokens: [B, T] row-major ids -> the features before the output projection, [B, T, E]. */
  public Tensor features(int[] tokens, int width) {
    Require.that(width <= cfg.maxTargetPositions(), "sequence of %d tokens exceeds --max-target-positions %d",
        width, cfg.maxTargetPositions());
    int batch = tokens.length / width;
    INDArray ids = Nd4j.createFromArray(tokens).reshape(batch, width);
    int[] positions = Positions.make(tokens, width, paddingIdx);
    Tensor x = embedTokens.forward(ids).mul(embedScale);
    Tensor pos = embedPositions != null
        ? embedPositions.forward(Nd4j.createFromArray(positions).reshape(batch, width))
        : Tensor.constant(Positions.sinusoidal(positions, cfg.decoderEmbedDim(), paddingIdx, type)
            .reshape(batch, width, cfg.decoderEmbedDim()));
    x = x.add(pos);
    if (layernormEmbedding != null) {
      x = layernormEmbedding.forward(x);
    }
    x = ShapeOps.permute(dropout.forward(x), 1, 0, 2);
    Masking masking = new Masking(true, padding(tokens, width), null);
    for (TransformerDecoderLayer layer : layers) {
      x = layer.forward(x, masking);
    }
    if (layerNorm != null) {
      x = layerNorm.forward(x);
    }
    return ShapeOps.permute(x, 1, 0, 2);
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
