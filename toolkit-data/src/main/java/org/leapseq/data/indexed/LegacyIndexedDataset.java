// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Read-only reader for fairseq's legacy {@code IndexedDataset} ({@code --dataset-impl lazy} or {@code cached}):
 * {@code <prefix>.idx} starts with {@code TNTIDX\0\0} and holds dim offsets, data offsets (in units of the
 * header's element size) and dims; {@code <prefix>.bin} holds the values plus one (Lua indexing), which this
 * reader subtracts again like fairseq's {@code fix_lua_indexing=True}. The data file is memory-mapped.
 */
public final class LegacyIndexedDataset extends StoredDataset {
  static final byte[] MAGIC = {'T', 'N', 'T', 'I', 'D', 'X', 0, 0};
  private static final int HEADER_BYTES = 48;

  private LegacyIndexedDataset(Path prefix, ItemData items) {
    super(prefix, items);
  }

  /** Opens {@code prefix.idx} and {@code prefix.bin}; any problem is a one-line error naming the file. */
  public static LegacyIndexedDataset open(Path prefix) {
    return open(prefix, MappedBin.DEFAULT_WINDOW);
  }

  /** As {@link #open(Path)}, mapping the data file in windows of {@code window} bytes. */
  static LegacyIndexedDataset open(Path prefix, int window) {
    Path idxPath = IndexFile.withSuffix(prefix, ".idx");
    DType type;
    int[] sizes;
    long[] starts;
    try (IndexFile idx = IndexFile.open(idxPath)) {
      ByteBuffer h = readHeader(idx);
      type = MmapIndexedDataset.readType(idx, h.getLong(16));
      long elementSize = h.getLong(24);
      if (elementSize < 1 || elementSize > 8) {
        throw idx.error("element size %s is not between 1 and 8", Long.toUnsignedString(elementSize));
      }
      int n = checkLength(idx, h.getLong(32), h.getLong(40));
      long[] dimOffsets = idx.readLongs(HEADER_BYTES, n + 1);
      long[] dataOffsets = idx.readLongs(HEADER_BYTES + 8L * (n + 1), n + 1);
      long[] dims = idx.readLongs(HEADER_BYTES + 16L * (n + 1), (int) h.getLong(40));
      sizes = itemLengths(idx, dimOffsets, dims);
      starts = byteStarts(idx, dataOffsets, elementSize, n);
    }
    return new LegacyIndexedDataset(prefix, ItemData.open(prefix, window, type, sizes, starts, 1));
  }

  private static ByteBuffer readHeader(IndexFile idx) {
    ByteBuffer h = idx.read(0, (int) Math.min(idx.length(), HEADER_BYTES));
    byte[] magic = new byte[Math.min(h.remaining(), MAGIC.length)];
    h.get(0, magic);
    if (!Arrays.equals(magic, Arrays.copyOf(MAGIC, magic.length))) {
      if (MmapIndexedDataset.startsWith(magic, Arrays.copyOf(MmapIndexedDataset.MAGIC, 8))) {
        throw idx.error(
            "is an mmap MMIDIDX index, not legacy; read it with MmapIndexedDataset or IndexedDatasets.open");
      }
      throw idx.error("bad magic %s, expected TNTIDX\\0\\0 (not a fairseq legacy index)",
          MmapIndexedDataset.describe(magic));
    }
    if (h.remaining() < HEADER_BYTES) {
      throw idx.error("is %d bytes, shorter than the %d-byte header", h.remaining(), HEADER_BYTES);
    }
    long version = h.getLong(8);
    if (version != 1) {
      throw idx.error("unsupported version %s, expected 1", Long.toUnsignedString(version));
    }
    return h;
  }

  /** Checks the file holds exactly the header, 2 (n + 1) offsets and {@code dims} dims; returns n. */
  private static int checkLength(IndexFile idx, long n, long dims) {
    long words = (idx.length() - HEADER_BYTES) / 8;
    boolean fits = (idx.length() - HEADER_BYTES) % 8 == 0
        && Long.compareUnsigned(n, words / 2) < 0
        && Long.compareUnsigned(dims, words) <= 0
        && 2 * (n + 1) + dims == words;
    if (!fits) {
      throw idx.error("is %d bytes, which does not match its header's %s items and %s dims", idx.length(),
          Long.toUnsignedString(n), Long.toUnsignedString(dims));
    }
    if (n >= Integer.MAX_VALUE || dims > Integer.MAX_VALUE) {
      throw idx.error("has %d items and %d dims, more than supported", n, dims);
    }
    return (int) n;
  }

  private static int[] itemLengths(IndexFile idx, long[] dimOffsets, long[] dims) {
    int[] sizes = new int[dimOffsets.length - 1];
    for (int i = 0; i < sizes.length; i++) {
      long from = dimOffsets[i];
      long to = dimOffsets[i + 1];
      if (from < 0 || from > to || to > dims.length) {
        throw idx.error("item %d has dim offsets %d..%d outside 0..%d", i, from, to, dims.length);
      }
      long length = 1;
      for (long d = from; d < to; d++) {
        long dim = dims[(int) d];
        if (dim < 0 || (dim > 0 && length > Integer.MAX_VALUE / dim)) {
          throw idx.error("item %d has an invalid dimension %d", i, dim);
        }
        length *= dim;
      }
      sizes[i] = (int) length;
    }
    return sizes;
  }

  private static long[] byteStarts(IndexFile idx, long[] dataOffsets, long elementSize, int n) {
    long[] starts = new long[n];
    for (int i = 0; i < n; i++) {
      long offset = dataOffsets[i];
      if (offset < 0 || offset > Long.MAX_VALUE / elementSize) {
        throw idx.error("item %d has an invalid data offset %d", i, offset);
      }
      starts[i] = offset * elementSize;
    }
    return starts;
  }
}
