// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.nio.file.Path;
import java.util.Map;
import org.leapseq.core.LeapseqException;

/**
 * The object a {@code torch.save} file holds, as plain Java values:
 *
 * <ul>
 *   <li>dict and {@code collections.OrderedDict}: an unmodifiable {@code Map<Object, Object>} in insertion order
 *       (keys are usually {@code String}; an optimizer state is keyed by {@code Long});
 *   <li>list and tuple: an unmodifiable {@code List<Object>}; set and frozenset: an unmodifiable {@code Set};
 *   <li>str: {@code String}; int: {@code Long}, or {@code BigInteger} beyond 64 bits; float: {@code Double};
 *       bool: {@code Boolean}; bytes: {@code byte[]} (shared, not to be modified); None: {@code null};
 *   <li>tensor and {@code nn.Parameter}: {@link TorchTensor};
 *   <li>numpy scalars of the {@link NumpyDtype}s ({@code numpy.float64(3.5)}, as fairseq's meters and best metrics
 *       hold them): {@code Double} (exact from float16/32/64), {@code Long} ({@code BigInteger} for a uint64 above
 *       2^63 - 1) or {@code Boolean}; numpy arrays of those dtypes: {@link NumpyArray};
 *   <li>{@code argparse.Namespace}: a map of its attributes; omegaconf {@code DictConfig} and {@code ListConfig}: a
 *       map or list of their content, nodes replaced by their values.
 * </ul>
 *
 * @param file the file it was read from, for messages
 * @param root the top-level object; for fairseq, a dict with {@code model}, {@code args}/{@code cfg}, ...
 */
public record TorchCheckpoint(Path file, Object root) {
  /** The top-level object as a string-keyed map; fails with a one-line error if it is anything else. */
  public Map<String, Object> rootMap() {
    return stringKeyed(root, "the top-level object");
  }

  /** {@code value} as a map with string keys, or a one-line error naming the file and {@code what}. */
  Map<String, Object> stringKeyed(Object value, String what) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new LeapseqException(file + ": " + what + " is a " + Reductions.describe(value) + ", not a dict");
    }
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        throw new LeapseqException(file + ": " + what + " has a key of type " + Reductions.describe(k)
            + "; only string keys were expected");
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) m;
    return typed;
  }
}
