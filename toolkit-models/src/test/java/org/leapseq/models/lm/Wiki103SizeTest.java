// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leapseq.core.nn.Rng;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.adaptive.AdaptiveInput;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The LeaPformer recipe's {@code transformer_lm_wiki103 --dec-sa-leapformer-enable} on fairseq's WikiText-103
 * dictionary (267,744 symbols): the built model's parameter count against a formula from the dims.
 */
class Wiki103SizeTest {
  private static final int WIKITEXT103_DICT = 267_744;

  /**
   * Adaptive input bands {@code size_i * d_i + d_i * E} with d = 1024, 256, 64 over cutoffs 20000, 60000, V; per
   * layer {@code 4 (E^2 + E)} attention, {@code 2 * 2E} layer norms, {@code 2 E F + F + E} feed-forward, and with
   * LeaPformer two LeaP MLPs {@code D (D/f) + D/f + D/f + 1} (D = E / heads); no final norm, sinusoidal positions;
   * the tied adaptive softmax adds only {@code class_proj} (2 x E). LeaP per layer: 2 x (128 x 32 + 32 + 32 + 1) =
   * 8,322.
   */
  static long formula(int vocab, boolean leapformer) {
    long e = 1024;
    long f = 4096;
    long layers = 16;
    long headDim = e / 8;
    long leapHidden = headDim / 4;
    int[] cut = {0, 20000, 60000, vocab};
    long adaptiveInput = 0;
    for (int i = 0; i < 3; i++) {
      long d = AdaptiveInput.bandDim(1024, 4, i);
      adaptiveInput += (cut[i + 1] - cut[i]) * d + d * e;
    }
    long layer = 4 * (e * e + e) + 2 * 2 * e + 2 * e * f + f + e;
    long leap = leapformer ? 2 * (headDim * leapHidden + leapHidden + leapHidden + 1) : 0;
    return adaptiveInput + layers * (layer + leap) + 2 * e;
  }

  @Test
  void formulaMatchesTheReferenceEstimate() {
    // 45,391,872 adaptive input + 16 x 12,596,224 layers + 2,048 class projection
    assertEquals(246_933_504L, formula(WIKITEXT103_DICT, false));
    assertEquals(247e6, formula(WIKITEXT103_DICT, false), 0.1e6, "LEAPFORMER-REFERENCE.md estimates ~247M");
    assertEquals(246_933_504L + 16 * 8_322L, formula(WIKITEXT103_DICT, true));
  }

  @Test
  void builtLeapformerWiki103ModelHasTheFormulasParameterCount() {
    TransformerLmConfig cfg = TransformerLmConfig.fromArgs(
        LmArchs.resolve("transformer_lm_wiki103", Map.of("dec_sa_leapformer_enable", "true")));
    TransformerLanguageModel model = TransformerLanguageModel.build(cfg, WIKITEXT103_DICT, 1,
        BuiltIns.registries().attentions(), DataType.FLOAT, new Rng(1));
    assertEquals(formula(WIKITEXT103_DICT, true), model.parameterCount());
    assertEquals(247_066_656L, model.parameterCount());
  }
}
