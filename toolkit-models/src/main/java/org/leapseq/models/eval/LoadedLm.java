// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.leapseq.core.Configs;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.checkpoint.Checkpoint;
import org.leapseq.core.checkpoint.Checkpoints;
import org.leapseq.core.nn.Rng;
import org.leapseq.models.Registries;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.leapseq.models.lm.TransformerLmConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A language model restored from a Leapseq checkpoint for inference, in evaluation mode.
 *
 * @param file the checkpoint
 * @param model the model, its weights loaded
 * @param arch the architecture name stored in the checkpoint
 * @param config the model configuration stored in the checkpoint
 * @param dictSha256 the sha256 of the dictionary it was trained with (null when the checkpoint has none)
 * @param taskConfig the language_modeling options it was trained with ({@code tokens_per_sample},
 *     {@code sample_break_mode}, {@code add_bos_token}, ...; an empty object when absent)
 */
public record LoadedLm(Path file, TransformerLanguageModel model, String arch, TransformerLmConfig config,
    String dictSha256, JsonNode taskConfig) {
  /**
   * Reads {@code file} and builds its model for a vocabulary of {@code vocab} symbols with pad {@code pad}, in
   * {@code dtype} (null: the dtype it was trained in); weights are cast as PyTorch's {@code copy_} does.
   */
  public static LoadedLm read(Path file, int vocab, int pad, Registries registries, DataType dtype) {
    if (!Files.isRegularFile(file)) {
      throw new LeapseqException("--path " + file + ": no such checkpoint file");
    }
    Checkpoint ck = Checkpoints.read(file);
    String json = ck.meta(Checkpoint.CONFIG);
    if (json == null) {
      throw new LeapseqException(file + ": no model configuration in the checkpoint (not written by Leapseq?)");
    }
    JsonNode cfg;
    try {
      cfg = Configs.json().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new LeapseqException(file + ": corrupt model configuration: " + e.getOriginalMessage(), e);
    }
    JsonNode modelNode = cfg.path("model");
    if (!modelNode.isObject()) {
      throw new LeapseqException(file + ": the checkpoint's configuration has no 'model' section");
    }
    TransformerLmConfig model = Configs.fromJson(modelNode.toString(), TransformerLmConfig.class);
    DataType type = dtype != null ? dtype
        : "float64".equals(cfg.path("dtype").asText()) ? DataType.DOUBLE : DataType.FLOAT;
    Map<String, INDArray> weights = ck.model();
    INDArray embed = weights.get("decoder.embed_tokens.weight");
    if (embed != null && embed.size(0) != vocab) {
      throw new LeapseqException(file + ": the model has a vocabulary of " + embed.size(0)
          + " symbols but the dictionary has " + vocab);
    }
    TransformerLanguageModel lm = TransformerLanguageModel.build(model, vocab, pad, registries.attentions(), type,
        new Rng(0));
    try {
      lm.loadStateDict(weights);
    } catch (LeapseqException e) {
      throw new LeapseqException(file + ": " + e.getMessage(), e);
    }
    lm.eval();
    JsonNode task = cfg.path("task_config").isObject() ? cfg.get("task_config") : Configs.json().createObjectNode();
    return new LoadedLm(file, lm, cfg.path("arch").asText("transformer_lm"), model, ck.meta(Checkpoint.DICT_SHA256),
        task);
  }
}
