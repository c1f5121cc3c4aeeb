// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.models.modules.Activation;

/**
 * Arch presets against fairseq's {@code fairseq/models/transformer_lm.py} (base_lm_architecture,
 * transformer_lm_big, transformer_lm_baevski_wiki103, transformer_lm_baevski_gbw, transformer_lm_gpt,
 * transformer_lm_gpt2_*), whose values are restated in each test.
 */
class LmArchsTest {
  private static Map<String, String> resolve(String arch, String... userPairs) {
    Map<String, String> user = new HashMap<>();
    for (int i = 0; i < userPairs.length; i += 2) {
      user.put(userPairs[i], userPairs[i + 1]);
    }
    return LmArchs.resolve(arch, user);
  }

  private static void assertArgs(Map<String, String> args, String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      assertEquals(pairs[i + 1], args.get(pairs[i]), pairs[i]);
    }
  }

  @Test
  void baseLmArchitectureDefaults() {
    Map<String, String> a = resolve("transformer_lm");
    // fairseq: dropout 0.1, attention_dropout 0.0, 512/2048, 6 layers, 8 heads, adaptive_softmax_cutoff None,
    // adaptive_softmax_dropout 0, factor 4, relu, input/output dim = embed dim, normalize_before forced True
    assertArgs(a, "dropout", "0.1", "attention_dropout", "0.0", "decoder_embed_dim", "512",
        "decoder_ffn_embed_dim", "2048", "decoder_layers", "6", "decoder_attention_heads", "8",
        "adaptive_softmax_dropout", "0", "adaptive_softmax_factor", "4", "activation_fn", "relu",
        "decoder_input_dim", "512", "decoder_output_dim", "512", "decoder_normalize_before", "true",
        "no_decoder_final_norm", "false", "adaptive_input", "false", "adaptive_input_factor", "4",
        "tie_adaptive_weights", "false", "tie_adaptive_proj", "false", "share_decoder_input_output_embed", "false");
    assertNull(a.get("adaptive_softmax_cutoff"));
    assertNull(a.get("adaptive_input_cutoff"));
  }

  @Test
  void wiki103AndItsAliasResolveToBaevskiAuli() {
    // fairseq transformer_lm_baevski_wiki103: 16 layers, 8 heads, dropout 0.3, adaptive input, tied weights,
    // cutoffs "20000,60000", adaptive_softmax_dropout 0.2, attention/activation dropout 0.1, no final norm,
    // tie_adaptive_proj; then transformer_lm_big: 1024 / 4096
    for (String arch : new String[] {"transformer_lm_wiki103", "transformer_lm_baevski_wiki103"}) {
      assertArgs(resolve(arch), "decoder_layers", "16", "decoder_attention_heads", "8", "decoder_embed_dim", "1024",
          "decoder_ffn_embed_dim", "4096", "dropout", "0.3", "attention_dropout", "0.1", "activation_dropout", "0.1",
          "adaptive_input", "true", "tie_adaptive_weights", "true", "tie_adaptive_proj", "true",
          "adaptive_input_cutoff", "20000,60000", "adaptive_softmax_cutoff", "20000,60000",
          "adaptive_softmax_dropout", "0.2", "no_decoder_final_norm", "true", "decoder_normalize_before", "true",
          "decoder_input_dim", "1024", "decoder_output_dim", "1024", "adaptive_input_factor", "4",
          "adaptive_softmax_factor", "4");
    }
  }

  @Test
  void bigGbwGptAndGpt2Presets() {
    assertArgs(resolve("transformer_lm_big"), "decoder_layers", "12", "decoder_embed_dim", "1024",
        "decoder_ffn_embed_dim", "4096", "decoder_attention_heads", "16", "dropout", "0.1");
    for (String arch : new String[] {"transformer_lm_gbw", "transformer_lm_baevski_gbw"}) {
      assertArgs(resolve(arch), "decoder_layers", "12", "decoder_embed_dim", "512", "decoder_ffn_embed_dim", "4096",
          "decoder_attention_heads", "16", "attention_dropout", "0.1", "no_decoder_final_norm", "true");
    }
    assertArgs(resolve("transformer_lm_gpt"), "decoder_embed_dim", "768", "decoder_ffn_embed_dim", "3072",
        "decoder_layers", "12", "decoder_attention_heads", "12", "attention_dropout", "0.1", "activation_fn", "gelu");
    assertArgs(resolve("transformer_lm_gpt2_small"), "decoder_embed_dim", "1024", "decoder_ffn_embed_dim", "4096",
        "decoder_layers", "24", "decoder_attention_heads", "16", "activation_fn", "gelu");
    assertArgs(resolve("transformer_lm_gpt2_medium"), "decoder_embed_dim", "1280", "decoder_ffn_embed_dim", "5120",
        "decoder_layers", "36", "decoder_attention_heads", "20");
    assertArgs(resolve("transformer_lm_gpt2_big"), "decoder_embed_dim", "1600", "decoder_ffn_embed_dim", "6400",
        "decoder_layers", "48", "decoder_attention_heads", "25");
  }

  @Test
  void cpuPresets() {
    assertArgs(resolve("transformer_lm_small_cpu"), "decoder_layers", "4", "decoder_embed_dim", "256",
        "decoder_attention_heads", "4", "decoder_ffn_embed_dim", "1024", "share_decoder_input_output_embed", "true",
        "decoder_normalize_before", "true");
    assertArgs(resolve("transformer_lm_tiny_cpu"), "decoder_layers", "2", "decoder_embed_dim", "128",
        "decoder_attention_heads", "2", "decoder_ffn_embed_dim", "512", "decoder_output_dim", "128");
    TransformerLmConfig tiny = TransformerLmConfig.fromArgs(resolve("transformer_lm_tiny_cpu"));
    assertEquals(new TransformerLmConfig(128, 512, 2, 2, true, false, 0.1, 0.0, 0.0, Activation.RELU, true, false,
        false, false, 1024), tiny);
  }

  @Test
  void userValuesWinOverTheArchWhichWinsOverTheBase() {
    Map<String, String> a = resolve("transformer_lm_wiki103", "decoder_layers", "4", "dropout", "0.2",
        "adaptive_softmax_cutoff", "1000,5000", "decoder_normalize_before", "false");
    assertArgs(a, "decoder_layers", "4", "dropout", "0.2", "adaptive_softmax_cutoff", "1000,5000",
        "decoder_attention_heads", "8", "decoder_embed_dim", "1024", "attention_dropout", "0.1",
        "decoder_normalize_before", "true");
    // a user embed dim flows into input/output dims, as fairseq's setdefault order gives
    assertArgs(resolve("transformer_lm_big", "decoder_embed_dim", "64", "decoder_output_dim", "32"),
        "decoder_input_dim", "64", "decoder_output_dim", "32", "decoder_layers", "12");
    Map<String, String> withNull = new HashMap<>();
    withNull.put("dropout", null);
    assertEquals("0.3", LmArchs.resolve("transformer_lm_wiki103", withNull).get("dropout"));
    LeapseqException e = assertThrows(LeapseqException.class, () -> resolve("transformer_lm_huge"));
    assertTrue(e.getMessage().contains("transformer_lm_gpt2_big"), e.getMessage());
  }

  @Test
  void fromArgsConvertsResolvedArgs() {
    TransformerLmConfig c = TransformerLmConfig.fromArgs(resolve("transformer_lm_wiki103",
        "dec_sa_leapformer_enable", "True", "leap_factor", "8", "tokens_per_sample", "512"));
    assertEquals(1024, c.decoderEmbedDim());
    assertEquals(16, c.decoderLayers());
    assertTrue(c.decoderNormalizeBefore());
    assertTrue(c.noDecoderFinalNorm());
    assertEquals(0.3, c.dropout());
    assertEquals(0.2, c.adaptiveSoftmaxDropout());
    assertEquals("20000,60000", c.adaptiveSoftmaxCutoff());
    assertTrue(c.adaptiveInput() && c.tieAdaptiveWeights() && c.tieAdaptiveProj());
    assertEquals(512, c.maxTargetPositions());
    assertEquals("leapformer", c.attentionName());
    assertEquals(8, c.leapFactor());
    TransformerLmConfig none = TransformerLmConfig.fromArgs(resolve("transformer_lm", "adaptive_softmax_cutoff",
        "None", "activation_fn", "gelu", "max_target_positions", "256", "tokens_per_sample", "512"));
    assertFalse(none.hasAdaptiveSoftmax());
    assertEquals(Activation.GELU, none.activationFn());
    assertEquals(256, none.maxTargetPositions());
    assertEquals(TransformerLmConfig.defaults(), TransformerLmConfig.fromArgs(Map.of()));
  }

  @Test
  void fromArgsErrorsNameTheFlag() {
    assertFlagError("--decoder-embed-dim", "decoder_embed_dim", "big");
    assertFlagError("--dropout", "dropout", "high");
    assertFlagError("--adaptive-input", "adaptive_input", "yes");
    assertFlagError("--adaptive-softmax-cutoff", "adaptive_softmax_cutoff", "20000;60000");
    assertFlagError("--activation-fn", "activation_fn", "swish");
    assertFlagError("--character-embeddings", "character_embeddings", "true");
    assertFlagError("--tie-adaptive-weights", "tie_adaptive_weights", "true");
  }

  private static void assertFlagError(String flag, String dest, String value) {
    LeapseqException e = assertThrows(LeapseqException.class,
        () -> TransformerLmConfig.fromArgs(resolve("transformer_lm", dest, value)), flag);
    assertTrue(e.getMessage().contains(flag), e.getMessage());
  }
}
