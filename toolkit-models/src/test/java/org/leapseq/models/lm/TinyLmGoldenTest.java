// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.leapseq.core.io.SafeTensors;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.NnOps;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.testing.GoldenFiles;
import org.leapseq.models.modules.Activation;
import org.leapseq.models.modules.LeapformerMechanism;
import org.leapseq.models.modules.LinearMechanism;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The whole-model golden case ({@code golden/tiny_lm}): the reference fork's 2-layer pre-norm LeaPformer LM, its
 * weights loaded by fairseq name from the safetensors files, must give the reference's log-probabilities at every
 * position (pads included: their keys are masked as fairseq masks them).
 */
class TinyLmGoldenTest {
  private static final Path DIR = GoldenFiles.directory().resolve("tiny_lm");

  @Test
  void float64ModelReproducesTheReferenceLogProbabilities() throws IOException {
    assertEquals(0.0, maxDiff("tiny_lm.f64.safetensors", DataType.DOUBLE, "lprobs"), 1e-9);
  }

  @Test
  void float32ModelReproducesTheReferenceFloat32Variant() throws IOException {
    assertEquals(0.0, maxDiff("tiny_lm.f32.safetensors", DataType.FLOAT, "lprobs"), 1e-5);
  }

  private static double maxDiff(String weights, DataType type, String what) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(DIR.resolve("tiny_lm.json")));
    JsonNode c = root.get("config");
    TransformerLmConfig cfg = new TransformerLmConfig(c.get("decoder_embed_dim").asInt(),
        c.get("decoder_ffn_embed_dim").asInt(), c.get("decoder_layers").asInt(),
        c.get("decoder_attention_heads").asInt(), c.get("decoder_normalize_before").asBoolean(),
        c.get("no_decoder_final_norm").asBoolean(), c.get("dropout").asDouble(), c.get("attention_dropout").asDouble(),
        c.get("activation_dropout").asDouble(), Activation.parse(c.get("activation_fn").asText()),
        c.get("share_decoder_input_output_embed").asBoolean(), c.get("decoder_learned_pos").asBoolean(),
        c.get("no_scale_embedding").asBoolean(), c.get("layernorm_embedding").asBoolean(),
        c.get("max_target_positions").asInt());
    LeapformerMechanism.Config leap = new LeapformerMechanism.Config(c.get("leap_factor").asInt(), 0, 0.1,
        LinearMechanism.CausalForm.CHUNKED, 128);
    TransformerLanguageModel model = new TransformerLanguageModel(cfg, c.get("vocab_size").asInt(),
        c.get("padding_idx").asInt(), ctx -> new LeapformerMechanism(ctx, leap), type, new Rng(0));
    model.loadStateDict(SafeTensors.read(DIR.resolve(weights)).tensors());
    model.eval();
    JsonNode tok = root.get("inputs").get("tokens");
    int width = tok.get("shape").get(1).asInt();
    int[] tokens = new int[tok.get("shape").get(0).asInt() * width];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = tok.get("value").get(i / width).get(i % width).asInt();
    }
    INDArray lprobs;
    try (NoGrad ignored = NoGrad.enter()) {
      lprobs = NnOps.logSoftmax(model.forward(tokens, width)).value().castTo(DataType.DOUBLE);
    }
    JsonNode expected = type == DataType.DOUBLE ? root.get("outputs").get(what)
        : root.get("variants").get("lprobs_float32_model");
    double max = 0;
    int n = 0;
    for (int b = 0; b < lprobs.size(0); b++) {
      for (int t = 0; t < lprobs.size(1); t++) {
        for (int v = 0; v < lprobs.size(2); v++) {
          double e = value(expected).get(b).get(t).get(v).asDouble();
          max = Math.max(max, Math.abs(e - lprobs.getDouble(b, t, v)));
          n++;
        }
      }
    }
    assertTrue(n > 0);
    return max;
  }

  private static JsonNode value(JsonNode n) {
    return n.has("value") ? n.get("value") : n;
  }
}
