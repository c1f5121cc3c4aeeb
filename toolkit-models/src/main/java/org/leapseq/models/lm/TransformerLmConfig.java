// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import org.leapseq.core.Require;
import org.leapseq.models.modules.Activation;

/**
 * The {@code transformer_lm} model fields Leapseq implements, with fairseq's names in camel case and fairseq's
 * defaults in {@link #defaults()}.
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
 */
public record TransformerLmConfig(int decoderEmbedDim, int decoderFfnEmbedDim, int decoderLayers,
    int decoderAttentionHeads, boolean decoderNormalizeBefore, boolean noDecoderFinalNorm, double dropout,
    double attentionDropout, double activationDropout, Activation activationFn, boolean shareDecoderInputOutputEmbed,
    boolean decoderLearnedPos, boolean noScaleEmbedding, boolean layernormEmbedding, int maxTargetPositions) {
  /** Checks the sizes. */
  public TransformerLmConfig {
    Require.that(decoderEmbedDim > 0 && decoderFfnEmbedDim > 0 && decoderLayers > 0 && decoderAttentionHeads > 0,
        "decoder sizes must be positive");
    Require.that(decoderEmbedDim % decoderAttentionHeads == 0,
        "--decoder-embed-dim %d must be a multiple of --decoder-attention-heads %d", decoderEmbedDim,
        decoderAttentionHeads);
    Require.that(maxTargetPositions > 0, "--max-target-positions must be positive");
  }

  /** fairseq's {@code transformer_lm} defaults (512 / 2048 / 6 layers / 8 heads, post-norm, dropout 0.1). */
  public static TransformerLmConfig defaults() {
    return new TransformerLmConfig(512, 2048, 6, 8, false, false, 0.1, 0.0, 0.0, Activation.RELU, false, false,
        false, false, 1024);
  }
}
