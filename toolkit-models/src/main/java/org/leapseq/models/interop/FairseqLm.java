// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.leapseq.core.Configs;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.checkpoint.Checkpoint;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.optim.OptimizerState;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.data.lm.LanguageModelingConfig;
import org.leapseq.data.lm.SampleBreakMode;
import org.leapseq.data.lm.ShortenMethod;
import org.leapseq.models.Registries;
import org.leapseq.models.lm.LmArchs;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.leapseq.models.lm.TransformerLmConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * fairseq {@code transformer_lm} weights and args to and from Leapseq checkpoints. fairseq's parameter names are
 * Leapseq's, so importing is a strict name-and-shape check against the architecture the args describe (every
 * tensor must fit; fairseq's {@code decoder.version} and {@code embed_positions._float_tensor} buffers are
 * dropped; a tied output projection missing from older checkpoints is taken from the embedding).
 */
public final class FairseqLm {
  /** The safetensors metadata key under which {@link #exportArgs} are stored by {@code toolkit-export}. */
  public static final String ARGS_METADATA = "fairseq_args";

  private static final List<String> BUFFERS = List.of("decoder.version", "decoder.embed_positions._float_tensor");

  private FairseqLm() {}

  /**
   * A Leapseq checkpoint of the model that {@code args} (fairseq dest names, {@code arch} included) describe,
   * holding {@code weights}.
   *
   * @param weights fairseq state dict entries by name (float32 or float64; the checkpoint keeps the type)
   * @param args the architecture and model args ({@code arch}, {@code decoder_embed_dim}, ...); other training
   *     args ({@code lr}, {@code optimizer}, ...) are ignored; {@code tokens_per_sample} and {@code
   *     sample_break_mode} become the checkpoint's task defaults
   * @param dict the dictionary the model predicts over
   * @param source where the weights came from (for the provenance)
   */
  public static Checkpoint importWeights(Map<String, INDArray> weights, Map<String, String> args, Dictionary dict,
      Registries registries, String source) {
    String arch = args.getOrDefault("arch", "transformer_lm");
    if (!LmArchs.names().contains(arch)) {
      throw new LeapseqException(source + ": architecture '" + arch + "' is not a transformer_lm architecture"
          + " Leapseq knows (" + String.join(", ", LmArchs.names()) + ")");
    }
    Map<String, String> modelArgs = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : args.entrySet()) {
      if (TransformerLmConfig.argNames().contains(e.getKey()) || e.getKey().equals("tokens_per_sample")) {
        modelArgs.put(e.getKey(), e.getValue());
      }
    }
    TransformerLmConfig cfg = TransformerLmConfig.fromArgs(LmArchs.resolve(arch, modelArgs));
    Map<String, INDArray> state = new LinkedHashMap<>(weights);
    BUFFERS.forEach(state::remove);
    DataType type = floatType(state, source);
    TransformerLanguageModel model = TransformerLanguageModel.build(cfg, dict.size(), Dictionary.PAD,
        registries.attentions(), type, new Rng(0));
    Map<String, INDArray> expected = model.stateDict();
    if (cfg.shareDecoderInputOutputEmbed() && !state.containsKey("decoder.output_projection.weight")
        && state.containsKey("decoder.embed_tokens.weight")) {
      state.put("decoder.output_projection.weight", state.get("decoder.embed_tokens.weight"));
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, INDArray> e : state.entrySet()) {
      INDArray want = expected.get(e.getKey());
      if (want == null) {
        problems.add("tensor '" + e.getKey() + "' " + shape(e.getValue()) + " has no place in " + arch);
      } else if (!java.util.Arrays.equals(want.shape(), e.getValue().shape())) {
        problems.add("tensor '" + e.getKey() + "' is " + shape(e.getValue()) + " but " + arch + " with these"
            + " args and a " + dict.size() + "-symbol dictionary needs " + shape(want));
      }
    }
    for (String name : expected.keySet()) {
      if (!state.containsKey(name)) {
        problems.add("tensor '" + name + "' " + shape(expected.get(name)) + " is missing");
      }
    }
    if (!problems.isEmpty()) {
      throw new LeapseqException(source + ": does not fit the architecture: " + String.join("; ", problems));
    }
    model.loadStateDict(state);
    int block = Integer.parseInt(args.getOrDefault("tokens_per_sample",
        String.valueOf(Math.min(LanguageModelingConfig.DEFAULT_TOKENS_PER_SAMPLE, cfg.maxTargetPositions()))));
    SampleBreakMode mode = SampleBreakMode.parse(args.getOrDefault("sample_break_mode", "none"));
    LanguageModelingConfig task = new LanguageModelingConfig(block, mode,
        Boolean.parseBoolean(args.getOrDefault("add_bos_token", "false")), cfg.maxTargetPositions(),
        ShortenMethod.NONE);
    ObjectNode config = Configs.json().createObjectNode();
    config.put("task", "language_modeling");
    config.set("task_config", Configs.toTree(task));
    config.put("arch", arch);
    config.set("model", Configs.toTree(cfg));
    config.put("dtype", type == DataType.DOUBLE ? "float64" : "float32");
    ObjectNode prov = Configs.json().createObjectNode();
    prov.put("tool", "leapseq toolkit-import-fairseq");
    prov.put("source", source);
    prov.put("written", Instant.now().toString());
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(Checkpoint.CONFIG, config.toString());
    meta.put(Checkpoint.DICT_SHA256, dict.sha256());
    meta.put(Checkpoint.PROVENANCE, prov.toString());
    return new Checkpoint(model.stateDict(), new OptimizerState(Map.of(), Map.of()), meta);
  }

  /**
   * The fairseq args that rebuild a checkpoint's model: {@code arch}, every model field under its fairseq dest
   * name, and the task's {@code tokens_per_sample} / {@code sample_break_mode}; values as fairseq prints them on
   * a command line (booleans {@code true}/{@code false}, lists {@code "a,b"}).
   */
  public static Map<String, String> exportArgs(Checkpoint ck, String source) {
    JsonNode config;
    try {
      String json = ck.meta(Checkpoint.CONFIG);
      if (json == null) {
        throw new LeapseqException(source + ": no model configuration in the checkpoint");
      }
      config = Configs.json().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new LeapseqException(source + ": corrupt configuration: " + e.getOriginalMessage(), e);
    }
    Map<String, String> args = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = config.path("model").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNull()) {
        String v = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString();
        args.put(e.getKey(), e.getKey().equals("activation_fn") ? v.toLowerCase(Locale.ROOT) : v);
      }
    }
    JsonNode task = config.path("task_config");
    if (task.has("tokens_per_sample")) {
      args.put("tokens_per_sample", task.get("tokens_per_sample").asText());
    }
    if (task.has("sample_break_mode")) {
      args.put("sample_break_mode", task.get("sample_break_mode").asText().toLowerCase(Locale.ROOT));
    }
    if (task.has("add_bos_token")) {
      args.put("add_bos_token", task.get("add_bos_token").asText());
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("arch", config.path("arch").asText("transformer_lm"));
    out.putAll(args);
    return out;
  }

  private static DataType floatType(Map<String, INDArray> state, String source) {
    DataType type = null;
    for (Map.Entry<String, INDArray> e : state.entrySet()) {
      DataType t = e.getValue().dataType();
      if (t != DataType.FLOAT && t != DataType.DOUBLE) {
        if (t.isFPType()) {
          continue;
        }
        throw new LeapseqException(source + ": tensor '" + e.getKey() + "' is " + t + "; weights must be floating point");
      }
      type = type == DataType.DOUBLE || t == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
    }
    return type == null ? DataType.FLOAT : type;
  }

  private static String shape(INDArray a) {
    return java.util.Arrays.toString(a.shape());
  }
}
