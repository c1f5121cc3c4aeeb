// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-parameter optimizer buffers keyed {@code "<index>.<name>"}, created as zeros in the parameter's data type
 * on first use, exported and imported as copies with their keys, shapes and names checked.
 */
final class ParamBuffers {
  private final String optimizer;
  private final List<Tensor> params;
  private final Set<String> names;
  private final Map<String, INDArray> buffers = new HashMap<>();

  /** optimizer: its registry name for messages; names: the buffer names it keeps per parameter. */
  ParamBuffers(String optimizer, List<Tensor> params, Set<String> names) {
    this.optimizer = optimizer;
    this.params = params;
    this.names = Set.copyOf(names);
  }

  static String key(int index, String name) {
    return index + "." + name;
  }

  /** The buffer {@code name} of parameter {@code index}, zeros shaped like the parameter when first asked for. */
  INDArray zerosIfAbsent(int index, String name) {
    return buffers.computeIfAbsent(key(index, name), k -> Nd4j.zeros(params.get(index).value().dataType(),
        params.get(index).value().shape()));
  }

  /** The buffer or null. */
  INDArray get(int index, String name) {
    return buffers.get(key(index, name));
  }

  void put(int index, String name, INDArray value) {
    buffers.put(key(index, name), value);
  }

  /** Copies of every buffer. */
  Map<String, INDArray> export() {
    Map<String, INDArray> out = new HashMap<>();
    buffers.forEach((k, v) -> out.put(k, v.dup('c')));
    return out;
  }

  /** Replaces every buffer by a copy of {@code tensors}, cast to the parameter's data type. */
  void load(Map<String, INDArray> tensors) {
    Map<String, INDArray> next = new HashMap<>();
    for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
      int index = indexOf(e.getKey());
      INDArray p = params.get(index).value();
      INDArray v = e.getValue();
      if (!Arrays.equals(p.shape(), v.shape())) {
        throw LeapseqException.of("%s state '%s' has shape %s but parameter %d has shape %s", optimizer,
            e.getKey(), Arrays.toString(v.shape()), index, Arrays.toString(p.shape()));
      }
      next.put(e.getKey(), v.castTo(p.dataType()).dup('c'));
    }
    buffers.clear();
    buffers.putAll(next);
  }

  /** The parameter index of a {@code "<index>.<name>"} key whose name is one of {@code names}. */
  int indexOf(String key) {
    return parseIndex(optimizer, key, names, params.size());
  }

  /** Shared by the per-parameter scalars ({@code "0.step"}) and the buffers. */
  static int parseIndex(String optimizer, String key, Set<String> names, int size) {
    int dot = key.indexOf('.');
    String name = dot < 0 ? "" : key.substring(dot + 1);
    if (dot <= 0 || !names.contains(name)) {
      throw LeapseqException.of("'%s' is not %s optimizer state (expected <index>.{%s}); was the checkpoint saved "
          + "by another optimizer? (use --reset-optimizer)", key, optimizer, String.join(",", names));
    }
    int index;
    try {
      index = Integer.parseInt(key.substring(0, dot));
    } catch (NumberFormatException ex) {
      throw LeapseqException.of("%s state key '%s' does not start with a parameter index", optimizer, key);
    }
    if (index < 0 || index >= size) {
      throw LeapseqException.of("%s state '%s' is for parameter %d but there are %d parameters", optimizer, key,
          index, size);
    }
    return index;
  }
}
