// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leapseq.core.Configs;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.io.SafeTensorFile;
import org.leapseq.core.io.SafeTensors;
import org.leapseq.core.optim.OptimizerState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes {@link Checkpoint}s as safetensors: model weights under their own names, optimizer tensors
 * under {@value #OPTIMIZER_PREFIX}, optimizer scalars and the checkpoint marker in the metadata. A PyTorch user can
 * load the weights with {@code safetensors.torch.load_file} and drop the prefixed entries.
 */
public final class Checkpoints {
  /** Prefix of optimizer tensors; no fairseq parameter name starts with it. */
  public static final String OPTIMIZER_PREFIX = "__optimizer__.";
  /** Metadata key marking a Leapseq training checkpoint (value: format version). */
  public static final String MARKER = "leapseq_checkpoint";
  static final String VERSION = "1";
  static final String OPTIMIZER_SCALARS = "optimizer_scalars";

  private Checkpoints() {}

  /** Writes {@code c} to {@code file} atomically (temporary file, fsync, rename). */
  public static void write(Path file, Checkpoint c) {
    Map<String, INDArray> tensors = new LinkedHashMap<>(c.model());
    for (Map.Entry<String, INDArray> e : c.optimizer().tensors().entrySet()) {
      tensors.put(OPTIMIZER_PREFIX + e.getKey(), e.getValue());
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");
    meta.put(MARKER, VERSION);
    meta.putAll(c.metadata());
    try {
      meta.put(OPTIMIZER_SCALARS, Configs.json().writeValueAsString(c.optimizer().scalars()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    SafeTensors.write(file, tensors, meta);
  }

  /** Reads a checkpoint; a plain weights file (no marker) reads with an empty optimizer state and no metadata. */
  public static Checkpoint read(Path file) {
    SafeTensorFile f = SafeTensors.read(file);
    Map<String, INDArray> model = new LinkedHashMap<>();
    Map<String, INDArray> opt = new LinkedHashMap<>();
    f.tensors().forEach((name, t) -> {
      if (name.startsWith(OPTIMIZER_PREFIX)) {
        opt.put(name.substring(OPTIMIZER_PREFIX.length()), t);
      } else {
        model.put(name, t);
      }
    });
    Map<String, String> meta = new LinkedHashMap<>(f.metadata());
    String version = meta.remove(MARKER);
    if (version != null && !version.equals(VERSION)) {
      throw new LeapseqException(file + ": checkpoint format " + version + " is not supported (expected " + VERSION
          + ")");
    }
    Map<String, Double> scalars = new LinkedHashMap<>();
    String s = meta.remove(OPTIMIZER_SCALARS);
    if (s != null) {
      try {
        scalars.putAll(Configs.json().readValue(s, new TypeReference<Map<String, Double>>() {}));
      } catch (JsonProcessingException e) {
        throw new LeapseqException(file + ": corrupt optimizer state in the metadata: " + e.getOriginalMessage(), e);
      }
    }
    meta.remove("format");
    return new Checkpoint(model, new OptimizerState(opt, scalars), meta);
  }
}
