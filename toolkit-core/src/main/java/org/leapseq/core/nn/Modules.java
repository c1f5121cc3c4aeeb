// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import java.nio.file.Path;
import java.util.Map;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.io.SafeTensors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saves and loads a module's {@link Module#stateDict()} as safetensors with metadata {@code {"format": "pt"}}, the
 * layout {@code safetensors.torch} writes, so weights move between Leapseq and PyTorch under the same names. Tied
 * parameters are stored once per name.
 */
public final class Modules {
  /** The metadata every saved file carries. */
  public static final Map<String, String> METADATA = Map.of("format", "pt");

  private Modules() {}

  /** Writes the state dict to {@code file} atomically (temporary file, fsync, rename). */
  public static void save(Module module, Path file) {
    SafeTensors.write(file, module.stateDict(), METADATA);
  }

  /** Loads {@code file} into the live arrays with {@link Module#loadStateDict}'s strict rules. */
  public static void load(Module module, Path file) {
    Map<String, INDArray> tensors = SafeTensors.read(file).tensors();
    try {
      module.loadStateDict(tensors);
    } catch (LeapseqException e) {
      throw new LeapseqException(file + ": " + e.getMessage(), e);
    }
  }
}
