// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leapseq.core.optim.OptimizerState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One checkpoint's content.
 *
 * @param model weights by fairseq parameter name
 * @param optimizer the optimizer's tensors and scalars ({@link OptimizerState#empty()} for a weights-only file)
 * @param metadata string entries: {@code config}, {@code trainer_state}, {@code dict_sha256}, {@code provenance}
 *     ... (JSON where structured)
 */
public record Checkpoint(Map<String, INDArray> model, OptimizerState optimizer, Map<String, String> metadata) {
  /** Metadata key of the resolved configuration (JSON). */
  public static final String CONFIG = "config";
  /** Metadata key of the trainer state (JSON). */
  public static final String TRAINER_STATE = "trainer_state";
  /** Metadata key of the SHA-256 of the dictionary the model was trained with. */
  public static final String DICT_SHA256 = "dict_sha256";
  /** Metadata key of where the checkpoint came from (JSON: tool, version, command, date). */
  public static final String PROVENANCE = "provenance";

  /** Keeps unmodifiable copies of the maps (the arrays themselves are shared). */
  public Checkpoint {
    model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A metadata entry, or null. */
  public String meta(String key) {
    return metadata.get(key);
  }
}
