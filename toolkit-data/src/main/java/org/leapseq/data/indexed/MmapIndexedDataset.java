// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reader for fairseq's {@code MMapIndexedDataset} ({@code --dataset-impl mmap}): {@code <prefix>.idx} holds the
 * header, int32 item sizes and int64 byte pointers; {@code <prefix>.bin} holds the values, which are memory-mapped
 * (in windows, so files over 2 GiB work) and never loaded whole. The index is validated completely at open.
 */
public final class MmapIndexedDataset extends StoredDataset {
  static final byte[] MAGIC = {'M', 'M', 'I', 'D', 'I', 'D', 'X', 0, 0};
  static final int HEADER_BYTES = 26;

  private MmapIndexedDataset(Path prefix, ItemData items) {
    super(prefix, items);
  }

  /** Opens {@code prefix.idx} and {@code prefix.bin}; any problem is a one-line error naming the file. */
  public static MmapIndexedDataset open(Path prefix) {
    return open(prefix, MappedBin.DEFAULT_WINDOW);
  }

  /** As {@link #open(Path)}, mapping the data file in windows of {@code window} bytes. */
  static MmapIndexedDataset open(Path prefix, int window) {
    Path idxPath = IndexFile.withSuffix(prefix, ".idx");
    int[] sizes;
    long[] pointers;
    DType type;
    try (IndexFile idx = IndexFile.open(idxPath)) {
      ByteBuffer h = readHeader(idx);
      type = readType(idx, h.get(17) & 0xFF);
      int n = readCount(idx, h.getLong(18));
      sizes = idx.readInts(HEADER_BYTES, n);
      pointers = idx.readLongs(HEADER_BYTES + 4L * n, n);
      checkSizes(idx, sizes);
    }
    return new MmapIndexedDataset(prefix, ItemData.open(prefix, window, type, sizes, pointers, 0));
  }

  private static ByteBuffer readHeader(IndexFile idx) {
    ByteBuffer h = idx.read(0, (int) Math.min(idx.length(), HEADER_BYTES));
    byte[] magic = new byte[Math.min(h.remaining(), MAGIC.length)];
    h.get(0, magic);
    if (!Arrays.equals(magic, Arrays.copyOf(MAGIC, magic.length))) {
      if (startsWith(magic, LegacyIndexedDataset.MAGIC)) {
        throw idx.error("is a legacy TNTIDX index (--dataset-impl lazy/cached), not mmap; "
            + "read it with LegacyIndexedDataset or IndexedDatasets.open");
      }
      throw idx.error("bad magic %s, expected MMIDIDX\\0\\0 (not a fairseq mmap index)", describe(magic));
    }
    if (h.remaining() < HEADER_BYTES) {
      throw idx.error("is %d bytes, shorter than the %d-byte header", h.remaining(), HEADER_BYTES);
    }
    long version = h.getLong(9);
    if (version != 1) {
      throw idx.error("unsupported version %s, expected 1", Long.toUnsignedString(version));
    }
    return h;
  }

  static DType readType(IndexFile idx, long code) {
    DType type = DType.byCode(code);
    if (type == null) {
      throw idx.error("unknown dtype code %s (fairseq knows codes 1 to 10)", Long.toUnsignedString(code));
    }
    return type;
  }

  private static int readCount(IndexFile idx, long n) {
    long fits = (idx.length() - HEADER_BYTES) / 12;
    if (Long.compareUnsigned(n, fits) > 0 || HEADER_BYTES + 12 * n != idx.length()) {
      throw idx.error("is %d bytes, but a header of %s items needs %s", idx.length(), Long.toUnsignedString(n),
          n >= 0 && n <= Long.MAX_VALUE / 16 ? (HEADER_BYTES + 12 * n) + " bytes" : "far more");
    }
    if (n > Integer.MAX_VALUE) {
      throw idx.error("has %d items, more than the %d supported", n, Integer.MAX_VALUE);
    }
    return (int) n;
  }

  private static void checkSizes(IndexFile idx, int[] sizes) {
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] < 0) {
        throw idx.error("item %d has negative size %d", i, sizes[i]);
      }
    }
  }

  static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** Bytes as printable ASCII with {@code \xNN} escapes, e.g. {@code "MMIDIDX\x00"}. */
  static String describe(byte[] bytes) {
    StringBuilder s = new StringBuilder("\"");
    for (byte b : bytes) {
      s.append(b >= 0x20 && b < 0x7F && b != '"' && b != '\\' ? Character.toString(b) : String.format("\\x%02x", b));
    }
    return s.append('"').toString();
  }

  /** The byte offset of item {@code i} in {@code prefix.bin}. */
  long pointer(int i) {
    return items.start(i);
  }
}
