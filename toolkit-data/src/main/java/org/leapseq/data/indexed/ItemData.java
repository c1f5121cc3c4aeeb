// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import org.leapseq.core.LeapseqException;

/** The items of a mapped data file, located by per-item byte offsets and lengths; shared by both readers. */
final class ItemData implements AutoCloseable {
  private final MappedBin bin;
  private final DType type;
  private final int[] sizes;
  private final long[] starts;
  private final long bias;
  private final long totalTokens;
  private volatile boolean closed;

  /**
   * Checks every item against the data file's length. {@code bias} is subtracted from every value (1 for the
   * legacy format's Lua indexing).
   */
  ItemData(Path idx, MappedBin bin, DType type, int[] sizes, long[] starts, long bias) {
    this.bin = bin;
    this.type = type;
    this.sizes = sizes;
    this.starts = starts;
    this.bias = bias;
    this.totalTokens = checkBounds(idx);
  }

  /** Maps {@code prefix.bin} and checks the items against it; the mapping is released if a check fails. */
  static ItemData open(Path prefix, int window, DType type, int[] sizes, long[] starts, long bias) {
    MappedBin bin = MappedBin.open(IndexFile.withSuffix(prefix, ".bin"), window);
    try {
      return new ItemData(IndexFile.withSuffix(prefix, ".idx"), bin, type, sizes, starts, bias);
    } catch (RuntimeException e) {
      bin.close();
      throw e;
    }
  }

  private long checkBounds(Path idx) {
    long total = 0;
    for (int i = 0; i < sizes.length; i++) {
      long bytes = (long) sizes[i] * type.itemSize();
      if (starts[i] < 0) {
        throw LeapseqException.of("%s: item %d starts at negative byte offset %d", idx, i, starts[i]);
      }
      if (bytes > Integer.MAX_VALUE) {
        throw LeapseqException.of("%s: item %d has %d bytes, more than one read can hold", idx, i, bytes);
      }
      if (starts[i] > bin.length() || bytes > bin.length() - starts[i]) {
        throw LeapseqException.of(
            "%s: item %d ends at byte %s but %s has %d bytes",
            idx, i, Long.toUnsignedString(starts[i] + bytes), bin.path().getFileName(), bin.length());
      }
      total += sizes[i];
    }
    return total;
  }

  DType type() {
    return type;
  }

  int size() {
    return sizes.length;
  }

  int itemLength(int i) {
    return sizes[Objects.checkIndex(i, sizes.length)];
  }

  int[] sizes() {
    return sizes.clone();
  }

  long totalTokens() {
    return totalTokens;
  }

  /** The byte offset of item {@code i} in the data file. */
  long start(int i) {
    return starts[Objects.checkIndex(i, starts.length)];
  }

  long[] get(int i) {
    Objects.checkIndex(i, sizes.length);
    if (closed) {
      throw new IllegalStateException(bin.path() + " is closed");
    }
    ByteBuffer b = bin.slice(starts[i], sizes[i] * type.itemSize());
    long[] out = new long[sizes[i]];
    try {
      Codec.decode(type, b, out);
    } catch (ArithmeticException e) {
      throw LeapseqException.of("%s: item %d: %s", bin.path(), i, e.getMessage());
    }
    if (bias != 0) {
      for (int j = 0; j < out.length; j++) {
        out[j] -= bias;
      }
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
    bin.close();
  }
}
