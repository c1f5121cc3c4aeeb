// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import java.util.Locale;
import java.util.Map;
import org.leapseq.core.LeapseqException;
import org.leapseq.models.modules.Activation;
import org.leapseq.models.modules.AttentionMechanisms;

/** Reads {@link TransformerLmConfig} from fairseq args by dest name; errors name the command-line flag. */
final class LmArgs {
  /** Flags Leapseq does not implement, with the only value accepted for each. */
  private static final Map<String, String> UNSUPPORTED = Map.of("no_token_positional_embeddings", "false",
      "character_embeddings", "false", "decoder_layerdrop", "0", "linearized_train", "false");

  /** The accepted-but-unsupported flags that are switches. */
  static final java.util.Set<String> UNSUPPORTED_SWITCHES =
      java.util.Set.of("no_token_positional_embeddings", "character_embeddings", "linearized_train");

  private final Map<String, String> args;

  /** Every arg name {@link #parse} reads (the record's fields in snake_case plus the unsupported ones). */
  static java.util.Set<String> names() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>(fields(false));
    names.addAll(UNSUPPORTED.keySet());
    return names;
  }

  /** The names that are switches (fairseq store_true flags). */
  static java.util.Set<String> switches() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>(fields(true));
    names.addAll(UNSUPPORTED_SWITCHES);
    return names;
  }

  private static java.util.List<String> fields(boolean booleansOnly) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (java.lang.reflect.RecordComponent c : TransformerLmConfig.class.getRecordComponents()) {
      if (!booleansOnly || c.getType() == boolean.class) {
        out.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private LmArgs(Map<String, String> args) {
    this.args = args;
  }

  static TransformerLmConfig parse(Map<String, String> args) {
    LmArgs a = new LmArgs(args);
    a.rejectUnsupported();
    TransformerLmConfig d = TransformerLmConfig.defaults();
    int embed = a.integer("decoder_embed_dim", d.decoderEmbedDim());
    int maxPositions = a.integer("max_target_positions", a.integer("tokens_per_sample", d.maxTargetPositions()));
    Activation fn = a.present("activation_fn") ? activation(args.get("activation_fn")) : d.activationFn();
    return new TransformerLmConfig(embed, a.integer("decoder_ffn_embed_dim", d.decoderFfnEmbedDim()),
        a.integer("decoder_layers", d.decoderLayers()), a.integer("decoder_attention_heads",
        d.decoderAttentionHeads()), a.bool("decoder_normalize_before", d.decoderNormalizeBefore()),
        a.bool("no_decoder_final_norm", d.noDecoderFinalNorm()), a.real("dropout", d.dropout()),
        a.real("attention_dropout", d.attentionDropout()), a.real("activation_dropout", d.activationDropout()), fn,
        a.bool("share_decoder_input_output_embed", false), a.bool("decoder_learned_pos", false),
        a.bool("no_scale_embedding", false), a.bool("layernorm_embedding", false), maxPositions,
        a.integer("decoder_input_dim", embed), a.integer("decoder_output_dim", embed),
        a.bool("adaptive_input", false), a.real("adaptive_input_factor", 4), a.list("adaptive_input_cutoff"),
        a.list("adaptive_softmax_cutoff"), a.real("adaptive_softmax_dropout", 0),
        a.real("adaptive_softmax_factor", 4), a.bool("tie_adaptive_weights", false),
        a.bool("tie_adaptive_proj", false), a.present("attention") ? args.get("attention").strip()
        : AttentionMechanisms.SOFTMAX, a.bool("dec_sa_leapformer_enable", false), a.integer("leap_factor", 4));
  }

  /** {@code decoder_embed_dim} -> {@code --decoder-embed-dim}. */
  static String flag(String dest) {
    return "--" + dest.replace('_', '-');
  }

  private void rejectUnsupported() {
    UNSUPPORTED.forEach((dest, only) -> {
      if (present(dest)) {
        String v = args.get(dest).strip();
        boolean ok = only.equals("0") ? real(dest, 0) == 0 : v.equalsIgnoreCase(only);
        if (!ok) {
          throw new LeapseqException(flag(dest) + " " + v + " is not supported by Leapseq's transformer_lm");
        }
      }
    });
  }

  private boolean present(String dest) {
    String v = args.get(dest);
    return v != null && !v.isBlank();
  }

  private int integer(String dest, int fallback) {
    if (!present(dest)) {
      return fallback;
    }
    try {
      return Integer.parseInt(args.get(dest).strip());
    } catch (NumberFormatException e) {
      throw bad(dest, "an integer");
    }
  }

  private double real(String dest, double fallback) {
    if (!present(dest)) {
      return fallback;
    }
    try {
      return Double.parseDouble(args.get(dest).strip());
    } catch (NumberFormatException e) {
      throw bad(dest, "a number");
    }
  }

  private boolean bool(String dest, boolean fallback) {
    if (!present(dest)) {
      return fallback;
    }
    return switch (args.get(dest).strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(dest, "true or false");
    };
  }

  /** A cutoff list, or null for absent, {@code None} or {@code null}. */
  private String list(String dest) {
    if (!present(dest)) {
      return null;
    }
    String v = args.get(dest).strip();
    return v.equals("None") || v.equals("null") ? null : v;
  }

  private static Activation activation(String name) {
    return Activation.parse(name.strip());
  }

  private LeapseqException bad(String dest, String expected) {
    return new LeapseqException(flag(dest) + ": expected " + expected + ", got '" + args.get(dest) + "'");
  }
}
