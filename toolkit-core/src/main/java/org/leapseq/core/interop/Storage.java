// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.nio.ByteBuffer;

/**
 * One typed storage: {@code numel} elements of {@code dtype} at the start of the raw bytes of archive entry
 * {@code data/<key>}. Storages pickled under the same key share one {@code bytes} buffer.
 */
record Storage(String key, TorchDtype dtype, long numel, ByteBuffer bytes) {
  Storage {
    if (numel < 0) {
      throw new PickleError("storage '%s' has a negative size %d", RefusedGlobal.printable(key), numel);
    }
    long needed = numel * dtype.itemSize();
    if (needed / dtype.itemSize() != numel || needed > bytes.capacity()) {
      throw new PickleError("storage '%s' holds %d bytes, fewer than the %d %s elements it declares",
          RefusedGlobal.printable(key), bytes.capacity(), numel, dtype);
    }
  }
}
