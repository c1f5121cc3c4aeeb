// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contents of a safetensors file: the tensors by name, in the order the header lists them, and the
 * {@code __metadata__} strings (empty when the file has none). Both maps are unmodifiable and keep their order.
 */
public record SafeTensorFile(Map<String, INDArray> tensors, Map<String, String> metadata) {
  public SafeTensorFile {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The tensor called {@code name}, or null if the file has none by that name. */
  public INDArray get(String name) {
    return tensors.get(name);
  }
}
