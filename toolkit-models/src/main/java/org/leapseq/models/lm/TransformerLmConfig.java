// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import java.util.Arrays;
import java.util.Map;
import org.leapseq.core.Require;
import org.leapseq.models.adaptive.Cutoffs;
import org.leapseq.models.modules.Activation;
import org.leapseq.models.modules.AttentionMechanisms;

/**
 * The {@code transformer_lm} model fields Leapseq implements, with fairseq's names in camel case and the defaults of
 * fairseq's {@code TransformerLanguageModelConfig} in {@link #defaults()} (the named presets, which also force
 * pre-norm, are {@link LmArchs}).
 *
 * @param decoderEmbedDim {@code --decoder-embed-dim}
 * @param decoderFfnEmbedDim {@code --decoder-ffn-embed-dim}
 * @param decoderLayers {@code --decoder-layers}
 * @param decoderAttentionHeads {@code --decoder-attention-heads}
 * @param decoderNormalizeBefore {@code --decoder-normalize-before}
 * @param noDecoderFinalNorm {@code --no-decoder-final-norm}
 * @param dropout {@code --dropout}
 * @param attentionDropout {@code --attention-dropout}
 * @param activationDropout {@code --activation-dropout}
 * @param activationFn {@code --activation-fn}
 * @param shareDecoderInputOutputEmbed {@code --share-decoder-input-output-embed}
 * @param decoderLearnedPos {@code --decoder-learned-pos}
 * @param noScaleEmbedding {@code --no-scale-embedding}
 * @param layernormEmbedding {@code --layernorm-embedding}
 * @param maxTargetPositions {@code --max-target-positions}
 * @param decoderInputDim {@code --decoder-input-dim}: the token embedding size (projected to E when different)
 * @param decoderOutputDim {@code --decoder-output-dim}: the feature size fed to the output layer
 * @param adaptiveInput {@code --adaptive-input}
 * @param adaptiveInputFactor {@code --adaptive-input-factor}
 * @param adaptiveInputCutoff {@code --adaptive-input-cutoff} ("20000,60000"), or null
 * @param adaptiveSoftmaxCutoff {@code --adaptive-softmax-cutoff} ("20000,60000"), or null for a full softmax
 * @param adaptiveSoftmaxDropout {@code --adaptive-softmax-dropout}
 * @param adaptiveSoftmaxFactor {@code --adaptive-softmax-factor}
 * @param tieAdaptiveWeights {@code --tie-adaptive-weights}
 * @param tieAdaptiveProj {@code --tie-adaptive-proj}
 * @param attention the self-attention mechanism's registry name ({@code softmax}, {@code leapformer}, ...)
 * @param decSaLeapformerEnable the fork's {@code --dec-sa-leapformer-enable}: selects {@code leapformer}
 * @param leapFactor the fork's {@code --leap-factor}
 */
public record TransformerLmConfig(int decoderEmbedDim, int decoderFfnEmbedDim, int decoderLayers,
    int decoderAttentionHeads, boolean decoderNormalizeBefore, boolean noDecoderFinalNorm, double dropout,
    double attentionDropout, double activationDropout, Activation activationFn, boolean shareDecoderInputOutputEmbed,
    boolean decoderLearnedPos, boolean noScaleEmbedding, boolean layernormEmbedding, int maxTargetPositions,
    int decoderInputDim, int decoderOutputDim, boolean adaptiveInput, double adaptiveInputFactor,
    String adaptiveInputCutoff, String adaptiveSoftmaxCutoff, double adaptiveSoftmaxDropout,
    double adaptiveSoftmaxFactor, boolean tieAdaptiveWeights, boolean tieAdaptiveProj, String attention,
    boolean decSaLeapformerEnable, int leapFactor) {
  /** Checks the sizes and the combinations fairseq asserts. */
  public TransformerLmConfig {
    Require.that(decoderEmbedDim > 0 && decoderFfnEmbedDim > 0 && decoderLayers > 0 && decoderAttentionHeads > 0,
        "decoder sizes must be positive");
    Require.that(decoderEmbedDim % decoderAttentionHeads == 0,
        "--decoder-embed-dim %d must be a multiple of --decoder-attention-heads %d", decoderEmbedDim,
        decoderAttentionHeads);
    Require.that(maxTargetPositions > 0, "--max-target-positions must be positive");
    Require.that(decoderInputDim > 0 && decoderOutputDim > 0, "--decoder-input-dim and --decoder-output-dim must be"
        + " positive");
    Require.that(adaptiveInputFactor > 0 && adaptiveSoftmaxFactor > 0, "adaptive factors must be positive");
    Require.that(adaptiveSoftmaxDropout >= 0 && adaptiveSoftmaxDropout < 1,
        "--adaptive-softmax-dropout %s not in [0, 1)", adaptiveSoftmaxDropout);
    Require.that(!adaptiveInput || adaptiveInputCutoff != null, "--adaptive-input needs --adaptive-input-cutoff");
    if (adaptiveInputCutoff != null) {
      Cutoffs.parse("--adaptive-input-cutoff", adaptiveInputCutoff);
    }
    if (adaptiveSoftmaxCutoff != null) {
      Cutoffs.parse("--adaptive-softmax-cutoff", adaptiveSoftmaxCutoff);
    }
    if (tieAdaptiveWeights) {
      Require.that(adaptiveInput, "--tie-adaptive-weights needs --adaptive-input");
      Require.that(adaptiveInputFactor == adaptiveSoftmaxFactor,
          "--tie-adaptive-weights needs --adaptive-input-factor %s == --adaptive-softmax-factor %s",
          adaptiveInputFactor, adaptiveSoftmaxFactor);
      Require.that(adaptiveSoftmaxCutoff != null && Arrays.equals(Cutoffs.parse("", adaptiveInputCutoff),
          Cutoffs.parse("", adaptiveSoftmaxCutoff)), "--tie-adaptive-weights needs --adaptive-softmax-cutoff %s == "
          + "--adaptive-input-cutoff %s", adaptiveSoftmaxCutoff, adaptiveInputCutoff);
      Require.that(decoderInputDim == decoderOutputDim,
          "--tie-adaptive-weights needs --decoder-input-dim %d == --decoder-output-dim %d", decoderInputDim,
          decoderOutputDim);
    }
    Require.that(!tieAdaptiveProj || tieAdaptiveWeights, "--tie-adaptive-proj needs --tie-adaptive-weights");
    if (shareDecoderInputOutputEmbed && adaptiveSoftmaxCutoff == null) {
      Require.that(!adaptiveInput, "--share-decoder-input-output-embed cannot tie an adaptive input;"
          + " use --adaptive-softmax-cutoff with --tie-adaptive-weights");
      Require.that(decoderInputDim == decoderOutputDim,
          "--share-decoder-input-output-embed needs --decoder-input-dim %d == --decoder-output-dim %d",
          decoderInputDim, decoderOutputDim);
    }
    Require.that(attention != null && !attention.isBlank(), "--attention must name a mechanism");
    Require.that(!decSaLeapformerEnable || attention.equals(AttentionMechanisms.SOFTMAX)
        || attention.equals(AttentionMechanisms.LEAPFORMER),
        "--dec-sa-leapformer-enable conflicts with --attention %s", attention);
    Require.that(leapFactor > 0, "--leap-factor must be positive, got %d", leapFactor);
  }

  /**
   * The core fields, the others at fairseq's defaults: input and output dims equal to the embed dim, no adaptive
   * input or softmax, softmax attention.
   */
  public TransformerLmConfig(int decoderEmbedDim, int decoderFfnEmbedDim, int decoderLayers,
      int decoderAttentionHeads, boolean decoderNormalizeBefore, boolean noDecoderFinalNorm, double dropout,
      double attentionDropout, double activationDropout, Activation activationFn, boolean shareDecoderInputOutputEmbed,
      boolean decoderLearnedPos, boolean noScaleEmbedding, boolean layernormEmbedding, int maxTargetPositions) {
    this(decoderEmbedDim, decoderFfnEmbedDim, decoderLayers, decoderAttentionHeads, decoderNormalizeBefore,
        noDecoderFinalNorm, dropout, attentionDropout, activationDropout, activationFn, shareDecoderInputOutputEmbed,
        decoderLearnedPos, noScaleEmbedding, layernormEmbedding, maxTargetPositions, decoderEmbedDim, decoderEmbedDim,
        false, 4, null, null, 0.0, 4, false, false, AttentionMechanisms.SOFTMAX, false, 4);
  }

  /** fairseq's {@code transformer_lm} defaults (512 / 2048 / 6 layers / 8 heads, post-norm, dropout 0.1). */
  public static TransformerLmConfig defaults() {
    return new TransformerLmConfig(512, 2048, 6, 8, false, false, 0.1, 0.0, 0.0, Activation.RELU, false, false,
        false, false, 1024);
  }

  /** The fairseq arg names (dest form, {@code decoder_embed_dim}) the model reads. */
  public static java.util.Set<String> argNames() {
    return LmArgs.names();
  }

  /** The {@link #argNames()} that are switches (fairseq {@code store_true} flags, no value). */
  public static java.util.Set<String> switches() {
    return LmArgs.switches();
  }

  /**
   * A config from resolved fairseq args by dest name ({@code decoder_embed_dim}; see {@link LmArchs}); absent keys
   * take {@link #defaults()}, values that do not parse fail naming the flag ({@code --decoder-embed-dim}).
   */
  public static TransformerLmConfig fromArgs(Map<String, String> args) {
    return LmArgs.parse(args);
  }

  /** The mechanism to build: {@code leapformer} under {@code --dec-sa-leapformer-enable}, else {@link #attention}. */
  public String attentionName() {
    return decSaLeapformerEnable ? AttentionMechanisms.LEAPFORMER : attention;
  }

  /** Whether the model predicts through an adaptive softmax. */
  public boolean hasAdaptiveSoftmax() {
    return adaptiveSoftmaxCutoff != null;
  }

  /** The parsed {@code --adaptive-input-cutoff}. */
  public int[] adaptiveInputCutoffs() {
    return Cutoffs.parse("--adaptive-input-cutoff", adaptiveInputCutoff);
  }

  /** The parsed {@code --adaptive-softmax-cutoff}. */
  public int[] adaptiveSoftmaxCutoffs() {
    return Cutoffs.parse("--adaptive-softmax-cutoff", adaptiveSoftmaxCutoff);
  }
}
