// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.leapseq.core.nn.Rng;
import org.leapseq.models.BuiltIns;
import org.nd4j.linalg.api.buffer.DataType;

/** Small float64 language models for gradient checks and criterion tests. */
public final class TinyLms {
  /** The vocabulary size of the tiny models. */
  public static final int VOCAB = 14;
  /** The pad index. */
  public static final int PAD = 1;

  private TinyLms() {}

  /**
   * A 1-layer LeaPformer LM (E 8, 2 heads, leap factor 2, ffn 16) with adaptive input and a tied adaptive softmax
   * (cutoffs 4,9, factor 2, tied projections), no dropout.
   */
  public static TransformerLanguageModel adaptive(long seed) {
    Map<String, String> a = core();
    a.put("adaptive_input", "true");
    a.put("adaptive_input_cutoff", "4,9");
    a.put("adaptive_softmax_cutoff", "4,9");
    a.put("adaptive_input_factor", "2");
    a.put("adaptive_softmax_factor", "2");
    a.put("tie_adaptive_weights", "true");
    a.put("tie_adaptive_proj", "true");
    return build(a, seed);
  }

  /**
   * A 1-layer LeaPformer LM with a full softmax, token embeddings of 6 projected in to E 8 and features projected
   * out to 10 ({@code project_in_dim}, {@code project_out_dim}), no dropout.
   */
  public static TransformerLanguageModel fullSoftmax(long seed) {
    Map<String, String> a = core();
    a.put("decoder_input_dim", "6");
    a.put("decoder_output_dim", "10");
    return build(a, seed);
  }

  /** A 1-layer LeaPformer LM (E 8) whose output projection is tied to the token embedding, no dropout. */
  public static TransformerLanguageModel tied(long seed) {
    Map<String, String> a = core();
    a.put("share_decoder_input_output_embed", "true");
    return build(a, seed);
  }

  private static Map<String, String> core() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("decoder_embed_dim", "8");
    a.put("decoder_ffn_embed_dim", "16");
    a.put("decoder_layers", "1");
    a.put("decoder_attention_heads", "2");
    a.put("dropout", "0");
    a.put("dec_sa_leapformer_enable", "true");
    a.put("leap_factor", "2");
    a.put("max_target_positions", "32");
    return a;
  }

  private static TransformerLanguageModel build(Map<String, String> user, long seed) {
    TransformerLmConfig cfg = TransformerLmConfig.fromArgs(LmArchs.resolve("transformer_lm", user));
    return TransformerLanguageModel.build(cfg, VOCAB, PAD, BuiltIns.registries().attentions(), DataType.DOUBLE,
        new Rng(seed));
  }
}
