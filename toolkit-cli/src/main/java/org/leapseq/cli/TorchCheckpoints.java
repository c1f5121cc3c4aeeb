// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.leapseq.core.interop.FairseqCheckpoint;
import org.leapseq.core.interop.TorchDtype;
import org.leapseq.core.interop.TorchTensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A fairseq {@code .pt} checkpoint as the importer needs it: float weights by name and args as strings. */
final class TorchCheckpoints {
  private TorchCheckpoints() {}

  /**
   * @param weights the model's tensors (float64 stays float64; float32, float16 and bfloat16 become float32)
   * @param args the hyperparameters ({@code args} or {@code cfg.model}) as command-line strings; the {@code _name}
   *     of a {@code cfg.model} (fairseq >= 0.10 keeps the architecture there) is also given as {@code arch}
   */
  record Loaded(Map<String, INDArray> weights, Map<String, String> args) {}

  static Loaded read(Path file) {
    FairseqCheckpoint ck = FairseqCheckpoint.read(file);
    Map<String, INDArray> weights = new LinkedHashMap<>();
    for (Map.Entry<String, TorchTensor> e : ck.model().entrySet()) {
      TorchTensor t = e.getValue();
      weights.put(e.getKey(), t.dtype() == TorchDtype.FLOAT64 ? t.toFloat64() : t.toFloat32());
    }
    Map<String, String> args = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : ck.hyperparameters().entrySet()) {
      String v = text(e.getValue());
      if (v != null) {
        args.put(e.getKey(), v);
      }
    }
    if (!args.containsKey("arch") && args.containsKey("_name")) {
      args.put("arch", args.get("_name"));
    }
    return new Loaded(weights, args);
  }

  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> list) {
      return list.stream().map(TorchCheckpoints::text).collect(Collectors.joining(","));
    }
    if (v instanceof byte[] b) {
      return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
    return String.valueOf(v);
  }
}
