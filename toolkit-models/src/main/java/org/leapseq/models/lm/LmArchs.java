// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.leapseq.core.LeapseqException;

/**
 * fairseq's {@code transformer_lm} architectures ({@code --arch}) as functions over the args by dest name
 * ({@code decoder_embed_dim}), with fairseq's {@code safe_getattr} setdefault semantics: a value already present
 * (given by the user) wins, then the arch's preset, then {@link #baseLmArchitecture}'s default; an absent key or a
 * null value counts as unset. As in fairseq, {@code base_lm_architecture} forces
 * {@code decoder_normalize_before = true} whatever was given. Values are strings as on the command line; None
 * defaults leave the key absent.
 *
 * <p>Two CPU presets are Leapseq's own (not in fairseq): {@code transformer_lm_small_cpu} and
 * {@code transformer_lm_tiny_cpu}, see {@link #smallCpu} and {@link #tinyCpu}.
 */
public final class LmArchs {
  private static final Map<String, Consumer<Map<String, String>>> ARCHS = new LinkedHashMap<>();

  static {
    ARCHS.put("transformer_lm", LmArchs::baseLmArchitecture);
    ARCHS.put("transformer_lm_big", LmArchs::big);
    ARCHS.put("transformer_lm_wiki103", LmArchs::baevskiWiki103);
    ARCHS.put("transformer_lm_baevski_wiki103", LmArchs::baevskiWiki103);
    ARCHS.put("transformer_lm_gbw", LmArchs::baevskiGbw);
    ARCHS.put("transformer_lm_baevski_gbw", LmArchs::baevskiGbw);
    ARCHS.put("transformer_lm_gpt", LmArchs::gpt);
    ARCHS.put("transformer_lm_gpt2_small", LmArchs::gpt2Small);
    ARCHS.put("transformer_lm_gpt2_medium", LmArchs::gpt2Medium);
    ARCHS.put("transformer_lm_gpt2_big", LmArchs::gpt2Big);
    ARCHS.put("transformer_lm_small_cpu", LmArchs::smallCpu);
    ARCHS.put("transformer_lm_tiny_cpu", LmArchs::tinyCpu);
  }

  private LmArchs() {}

  /** The registered arch names, in registration order. */
  public static List<String> names() {
    return new ArrayList<>(ARCHS.keySet());
  }

  /** Applies arch {@code name} to {@code args} in place; an unknown name fails listing the valid ones. */
  public static void apply(String name, Map<String, String> args) {
    Consumer<Map<String, String>> arch = ARCHS.get(name);
    if (arch == null) {
      throw LeapseqException.of("unknown --arch '%s'; valid choices: %s", name, String.join(", ", names()));
    }
    arch.accept(args);
  }

  /** A copy of {@code userArgs} with arch {@code name} applied. */
  public static Map<String, String> resolve(String name, Map<String, String> userArgs) {
    Map<String, String> args = new LinkedHashMap<>(userArgs);
    apply(name, args);
    return args;
  }

  /** fairseq's {@code safe_getattr(args, key, value)} assignment: sets {@code key} only when unset. */
  static void setDefault(Map<String, String> args, String key, String value) {
    if (args.get(key) == null && value != null) {
      args.put(key, value);
    }
  }

  /**
   * fairseq's {@code base_lm_architecture} ({@code transformer_lm}): 6 layers, 512 / 2048, 8 heads, dropout 0.1,
   * relu, adaptive softmax factor 4 and dropout 0, input/output dims = embed dim, adaptive input factor 4, all
   * switches off, and {@code decoder_normalize_before} forced true ("Model training is not stable without this").
   */
  public static void baseLmArchitecture(Map<String, String> a) {
    setDefault(a, "dropout", "0.1");
    setDefault(a, "attention_dropout", "0.0");
    setDefault(a, "decoder_embed_dim", "512");
    setDefault(a, "decoder_ffn_embed_dim", "2048");
    setDefault(a, "decoder_layers", "6");
    setDefault(a, "decoder_attention_heads", "8");
    setDefault(a, "adaptive_softmax_dropout", "0");
    setDefault(a, "adaptive_softmax_factor", "4");
    setDefault(a, "decoder_learned_pos", "false");
    setDefault(a, "activation_fn", "relu");
    setDefault(a, "decoder_layerdrop", "0");
    setDefault(a, "no_token_positional_embeddings", "false");
    setDefault(a, "share_decoder_input_output_embed", "false");
    setDefault(a, "character_embeddings", "false");
    setDefault(a, "decoder_output_dim", a.get("decoder_embed_dim"));
    setDefault(a, "decoder_input_dim", a.get("decoder_embed_dim"));
    a.put("decoder_normalize_before", "true");
    setDefault(a, "no_decoder_final_norm", "false");
    setDefault(a, "adaptive_input", "false");
    setDefault(a, "adaptive_input_factor", "4");
    setDefault(a, "tie_adaptive_weights", "false");
    setDefault(a, "tie_adaptive_proj", "false");
    setDefault(a, "no_scale_embedding", "false");
    setDefault(a, "layernorm_embedding", "false");
  }

  /** {@code transformer_lm_big}: 12 layers, 1024 / 4096, 16 heads. */
  public static void big(Map<String, String> a) {
    setDefault(a, "decoder_layers", "12");
    setDefault(a, "decoder_embed_dim", "1024");
    setDefault(a, "decoder_ffn_embed_dim", "4096");
    setDefault(a, "decoder_attention_heads", "16");
    baseLmArchitecture(a);
  }

  /**
   * {@code transformer_lm_baevski_wiki103} = {@code transformer_lm_wiki103}: big with 16 layers, 8 heads, dropout
   * 0.3, adaptive input and softmax at 20000,60000 with tied weights and projections, adaptive softmax dropout 0.2,
   * attention and activation dropout 0.1, no final norm.
   */
  public static void baevskiWiki103(Map<String, String> a) {
    setDefault(a, "decoder_layers", "16");
    setDefault(a, "decoder_attention_heads", "8");
    setDefault(a, "dropout", "0.3");
    setDefault(a, "adaptive_input", "true");
    setDefault(a, "tie_adaptive_weights", "true");
    setDefault(a, "adaptive_input_cutoff", "20000,60000");
    setDefault(a, "adaptive_softmax_cutoff", "20000,60000");
    setDefault(a, "adaptive_softmax_dropout", "0.2");
    setDefault(a, "attention_dropout", "0.1");
    setDefault(a, "activation_dropout", "0.1");
    setDefault(a, "no_decoder_final_norm", "true");
    setDefault(a, "tie_adaptive_proj", "true");
    big(a);
  }

  /** {@code transformer_lm_baevski_gbw} = {@code transformer_lm_gbw}: big with 512 dim, attention dropout 0.1, no final norm. */
  public static void baevskiGbw(Map<String, String> a) {
    setDefault(a, "decoder_embed_dim", "512");
    setDefault(a, "dropout", "0.1");
    setDefault(a, "attention_dropout", "0.1");
    setDefault(a, "no_decoder_final_norm", "true");
    big(a);
  }

  /** {@code transformer_lm_gpt}: 12 layers, 768 / 3072, 12 heads, dropout and attention dropout 0.1, gelu. */
  public static void gpt(Map<String, String> a) {
    gptLike(a, "768", "3072", "12", "12");
  }

  /** {@code transformer_lm_gpt2_small}: 24 layers, 1024 / 4096, 16 heads, gelu. */
  public static void gpt2Small(Map<String, String> a) {
    gptLike(a, "1024", "4096", "24", "16");
  }

  /** {@code transformer_lm_gpt2_medium}: 36 layers, 1280 / 5120, 20 heads, gelu. */
  public static void gpt2Medium(Map<String, String> a) {
    gptLike(a, "1280", "5120", "36", "20");
  }

  /** {@code transformer_lm_gpt2_big}: 48 layers, 1600 / 6400, 25 heads, gelu. */
  public static void gpt2Big(Map<String, String> a) {
    gptLike(a, "1600", "6400", "48", "25");
  }

  private static void gptLike(Map<String, String> a, String embed, String ffn, String layers, String heads) {
    setDefault(a, "decoder_embed_dim", embed);
    setDefault(a, "decoder_ffn_embed_dim", ffn);
    setDefault(a, "decoder_layers", layers);
    setDefault(a, "decoder_attention_heads", heads);
    setDefault(a, "dropout", "0.1");
    setDefault(a, "attention_dropout", "0.1");
    setDefault(a, "activation_fn", "gelu");
    baseLmArchitecture(a);
  }

  /**
   * Leapseq's {@code transformer_lm_small_cpu}: 4 layers, 256 / 1024, 4 heads (head dim 64, LeaP 64 -> 16 -> 1 at
   * leap factor 4), dropout 0.1, relu, pre-norm with the final layer norm (forced by the base, as every fairseq LM
   * arch), sinusoidal positions, and the output projection tied to the embedding
   * ({@code share_decoder_input_output_embed}, as fairseq's own language-model example trains
   * {@code transformer_lm}); full softmax, since CPU-sized corpora have small vocabularies. About 3.16M parameters
   * plus 256 V. Every field can still be overridden by the user.
   */
  public static void smallCpu(Map<String, String> a) {
    cpu(a, "256", "1024", "4", "4");
  }

  /**
   * Leapseq's {@code transformer_lm_tiny_cpu}: {@link #smallCpu}'s choices at 2 layers, 128 / 512, 2 heads (head dim
   * 64): for tests and smoke runs, about 0.40M parameters plus 128 V.
   */
  public static void tinyCpu(Map<String, String> a) {
    cpu(a, "128", "512", "2", "2");
  }

  private static void cpu(Map<String, String> a, String embed, String ffn, String layers, String heads) {
    setDefault(a, "decoder_embed_dim", embed);
    setDefault(a, "decoder_ffn_embed_dim", ffn);
    setDefault(a, "decoder_layers", layers);
    setDefault(a, "decoder_attention_heads", heads);
    setDefault(a, "dropout", "0.1");
    setDefault(a, "share_decoder_input_output_embed", "true");
    baseLmArchitecture(a);
  }
}
