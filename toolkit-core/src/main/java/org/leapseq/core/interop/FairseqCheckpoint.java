// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.LeapseqException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parts of a fairseq checkpoint an importer needs: the model's state dict ({@code model}) and the model
 * hyperparameters, taken as fairseq's own {@code load_checkpoint_to_cpu} takes them: {@code args} (an
 * {@code argparse.Namespace}) when it is not None, otherwise {@code cfg.model} (an omegaconf {@code DictConfig}, a
 * dict, or a legacy Namespace inside either). omegaconf interpolations ({@code ${...}}) are kept as written; fairseq
 * saves its config resolved.
 *
 * <pre>{@code
 * FairseqCheckpoint ck = FairseqCheckpoint.read(Path.of("checkpoint_best.pt"));
 * String arch = (String) ck.hyperparameters().get("arch");
 * INDArray w = ck.model().get("decoder.embed_tokens.weight").toFloat32();
 * }</pre>
 */
public final class FairseqCheckpoint {
  /** Where {@link #hyperparameters()} came from. */
  public enum HyperparameterSource {
    /** The {@code args} namespace of checkpoints written before fairseq moved to omegaconf. */
    ARGS,
    /** {@code cfg["model"]} of later checkpoints. */
    CFG_MODEL
  }

  private final TorchCheckpoint checkpoint;
  private final Map<String, TorchTensor> model;
  private final Map<String, Object> hyperparameters;
  private final HyperparameterSource source;

  private FairseqCheckpoint(TorchCheckpoint checkpoint) {
    this.checkpoint = checkpoint;
    Map<String, Object> root = checkpoint.rootMap();
    this.model = stateDict(root.get("model"));
    Object args = root.get("args");
    if (args != null) {
      this.source = HyperparameterSource.ARGS;
      this.hyperparameters = flatten(checkpoint.stringKeyed(args, "'args'"), "'args'");
    } else {
      Object cfg = root.get("cfg");
      if (cfg == null) {
        throw fail("it has neither 'args' nor 'cfg' hyperparameters");
      }
      Object m = checkpoint.stringKeyed(cfg, "'cfg'").get("model");
      if (m == null) {
        throw fail("'cfg' has no 'model' section");
      }
      this.source = HyperparameterSource.CFG_MODEL;
      this.hyperparameters = flatten(checkpoint.stringKeyed(m, "'cfg.model'"), "'cfg.model'");
    }
  }

  /** Reads {@code file} with {@link TorchCheckpoints#read} and finds its model and hyperparameters. */
  public static FairseqCheckpoint read(Path file) {
    return of(TorchCheckpoints.read(file));
  }

  /** Finds the model and hyperparameters in an already read checkpoint; one-line errors if they are missing. */
  public static FairseqCheckpoint of(TorchCheckpoint checkpoint) {
    return new FairseqCheckpoint(checkpoint);
  }

  /** The file the checkpoint was read from. */
  public Path file() {
    return checkpoint.file();
  }

  /** The whole checkpoint dict: {@code model}, {@code args}/{@code cfg}, {@code optimizer_history}, ... */
  public Map<String, Object> contents() {
    return checkpoint.rootMap();
  }

  /** The model's parameters and buffers by fairseq name, in the file's order (tied weights share storage). */
  public Map<String, TorchTensor> model() {
    return model;
  }

  /**
   * Every model tensor copied into a new C-order ND4J array of {@code type} (FLOAT or DOUBLE for weights; see
   * {@link TorchTensor#toArray}), by name in the file's order. Tied weights become separate, equal arrays.
   */
  public Map<String, INDArray> modelArrays(DataType type) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    model.forEach((name, t) -> out.put(name, t.toArray(type)));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The model hyperparameters as one flat, ordered, unmodifiable map: nested sections are joined with dots
   * ({@code decoder.ffn_dim}); values are {@code String}, {@code Long}, {@code BigInteger}, {@code Double},
   * {@code Boolean}, {@code byte[]}, null (None), or unmodifiable lists of these.
   */
  public Map<String, Object> hyperparameters() {
    return hyperparameters;
  }

  /** Whether {@link #hyperparameters()} is {@code args} or {@code cfg.model}. */
  public HyperparameterSource hyperparameterSource() {
    return source;
  }

  private Map<String, TorchTensor> stateDict(Object value) {
    if (value == null) {
      throw fail("it has no 'model' state dict");
    }
    Map<String, TorchTensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : checkpoint.stringKeyed(value, "'model'").entrySet()) {
      if (!(e.getValue() instanceof TorchTensor t)) {
        throw fail("'model' entry '" + RefusedGlobal.printable(e.getKey()) + "' is a "
            + Reductions.describe(e.getValue()) + ", not a tensor");
      }
      out.put(e.getKey(), t);
    }
    return Collections.unmodifiableMap(out);
  }

  private Map<String, Object> flatten(Map<String, Object> section, String what) {
    Map<String, Object> out = new LinkedHashMap<>();
    flattenInto(out, "", section, what);
    return Collections.unmodifiableMap(out);
  }

  private void flattenInto(Map<String, Object> out, String prefix, Map<String, Object> section, String what) {
    for (Map.Entry<String, Object> e : section.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?>) {
        flattenInto(out, key + ".", checkpoint.stringKeyed(e.getValue(), what + " section '" + key + "'"), what);
      } else {
        out.put(key, primitive(e.getValue(), what, key));
      }
    }
  }

  private Object primitive(Object v, String what, String key) {
    if (v == null || v instanceof String || v instanceof Long || v instanceof BigInteger || v instanceof Double
        || v instanceof Boolean || v instanceof byte[]) {
      return v;
    }
    if (v instanceof List<?> l) {
      List<Object> items = new ArrayList<>(l.size());
      for (Object o : l) {
        items.add(primitive(o, what, key));
      }
      return Collections.unmodifiableList(items);
    }
    throw fail(what + " entry '" + RefusedGlobal.printable(key) + "' is a " + Reductions.describe(v)
        + ", not a plain value");
  }

  private LeapseqException fail(String reason) {
    return new LeapseqException(checkpoint.file() + ": not a fairseq checkpoint: " + reason);
  }
}
