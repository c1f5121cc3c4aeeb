// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-built dataset files for tests, written without the production code. */
final class TestFiles {
  private TestFiles() {}

  static byte[] hex(String s) {
    String h = s.replaceAll("\\s", "");
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  static void write(Path p, byte[] bytes) {
    try {
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = TestFiles.class.getResourceAsStream("/indexed/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path idx(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".idx");
  }

  static Path bin(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".bin");
  }

  static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Values of {@code code}'s dtype, little-endian; floats stored as doubles. */
  static byte[] values(int code, long... v) {
    int size = switch (code) {
      case 1, 2 -> 1;
      case 3, 8 -> 2;
      case 4, 9 -> 4;
      default -> 8;
    };
    ByteBuffer b = le(size * v.length);
    for (long x : v) {
      switch (size) {
        case 1 -> b.put((byte) x);
        case 2 -> b.putShort((short) x);
        case 4 -> b.putInt((int) x);
        default -> {
          if (code == 6 || code == 7) {
            b.putDouble(x);
          } else {
            b.putLong(x);
          }
        }
      }
    }
    return b.array();
  }

  /** An mmap {@code .idx} with explicit header fields, sizes and pointers. */
  static byte[] mmapIndex(int code, int[] sizes, long[] pointers) {
    ByteBuffer b = le(26 + 4 * sizes.length + 8 * pointers.length);
    b.put(hex("4d4d4944494458 0000")).putLong(1).put((byte) code).putLong(sizes.length);
    for (int s : sizes) {
      b.putInt(s);
    }
    for (long p : pointers) {
      b.putLong(p);
    }
    return b.array();
  }

  /** Writes a contiguous mmap dataset of {@code items} with dtype {@code code}. */
  static void mmap(Path prefix, int code, long[][] items) {
    int itemSize = values(code, 0).length;
    int[] sizes = new int[items.length];
    long[] pointers = new long[items.length];
    ByteBuffer data = le(itemSize * java.util.Arrays.stream(items).mapToInt(a -> a.length).sum());
    for (int i = 0; i < items.length; i++) {
      sizes[i] = items[i].length;
      pointers[i] = data.position();
      data.put(values(code, items[i]));
    }
    write(idx(prefix), mmapIndex(code, sizes, pointers));
    write(bin(prefix), data.array());
  }

  /**
   * Writes a legacy TNTIDX dataset like fairseq's {@code IndexedDatasetBuilder}: 1-D items, values stored + 1,
   * data offsets in units of {@code elementSize}.
   */
  static void legacy(Path prefix, int code, int elementSize, long[][] items) {
    int n = items.length;
    ByteBuffer idx = le(48 + 8 * (2 * (n + 1) + n));
    idx.put(hex("544e544944580000")).putLong(1).putLong(code).putLong(elementSize).putLong(n).putLong(n);
    ByteBuffer data = le(8 * java.util.Arrays.stream(items).mapToInt(a -> a.length).sum());
    long[] dataOffsets = new long[n + 1];
    for (int i = 0; i < n; i++) {
      long[] plusOne = java.util.Arrays.stream(items[i]).map(x -> x + 1).toArray();
      data.put(values(code, plusOne));
      dataOffsets[i + 1] = data.position() / elementSize;
    }
    for (int i = 0; i <= n; i++) {
      idx.putLong(i);
    }
    for (long o : dataOffsets) {
      idx.putLong(o);
    }
    for (long[] item : items) {
      idx.putLong(item.length);
    }
    write(idx(prefix), idx.array());
    write(bin(prefix), java.util.Arrays.copyOf(data.array(), data.position()));
  }
}
