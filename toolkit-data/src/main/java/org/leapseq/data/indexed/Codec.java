// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.nio.ByteBuffer;

/** Little-endian encoding and decoding of element runs; callers range-check values before encoding. */
final class Codec {
  private static final double TWO_63 = 0x1p63;

  private Codec() {}

  /**
   * Decodes {@code out.length} elements from {@code src} (little-endian, from its position), widened to long;
   * floats are truncated toward zero like numpy's {@code astype(int64)}.
   *
   * @throws ArithmeticException for a float that is not finite or does not fit a long
   */
  static void decode(DType type, ByteBuffer src, long[] out) {
    switch (type) {
      case UINT8 -> decode8(src, out, 0xFFL);
      case INT8 -> decode8(src, out, -1L);
      case UINT16 -> decode16(src, out, 0xFFFFL);
      case INT16 -> decode16(src, out, -1L);
      case UINT32 -> decode32(src, out, 0xFFFF_FFFFL);
      case INT32 -> decode32(src, out, -1L);
      case INT64, UINT64 -> decode64(src, out);
      case FLOAT64, DOUBLE -> decodeDouble(src, out);
      default -> throw new AssertionError(type);
    }
  }

  /** Encodes {@code src[off, off + n)} into {@code dst} at its position and advances it. */
  static void encode(DType type, int[] src, int off, int n, ByteBuffer dst) {
    int end = off + n;
    switch (type.itemSize()) {
      case 1 -> {
        for (int i = off; i < end; i++) {
          dst.put((byte) src[i]);
        }
      }
      case 2 -> {
        for (int i = off; i < end; i++) {
          dst.putShort((short) src[i]);
        }
      }
      case 4 -> {
        for (int i = off; i < end; i++) {
          dst.putInt(src[i]);
        }
      }
      default -> encodeWide(type, src, off, n, dst);
    }
  }

  /** Encodes {@code src[off, off + n)} into {@code dst} at its position and advances it. */
  static void encode(DType type, long[] src, int off, int n, ByteBuffer dst) {
    int end = off + n;
    switch (type.itemSize()) {
      case 1 -> {
        for (int i = off; i < end; i++) {
          dst.put((byte) src[i]);
        }
      }
      case 2 -> {
        for (int i = off; i < end; i++) {
          dst.putShort((short) src[i]);
        }
      }
      case 4 -> {
        for (int i = off; i < end; i++) {
          dst.putInt((int) src[i]);
        }
      }
      default -> encodeWide(type, src, off, n, dst);
    }
  }

  private static void encodeWide(DType type, int[] src, int off, int n, ByteBuffer dst) {
    boolean floating = type.canonical() == DType.FLOAT64;
    for (int i = off; i < off + n; i++) {
      if (floating) {
        dst.putDouble(src[i]);
      } else {
        dst.putLong(src[i]);
      }
    }
  }

  private static void encodeWide(DType type, long[] src, int off, int n, ByteBuffer dst) {
    boolean floating = type.canonical() == DType.FLOAT64;
    for (int i = off; i < off + n; i++) {
      if (floating) {
        dst.putDouble(src[i]);
      } else {
        dst.putLong(src[i]);
      }
    }
  }

  private static void decode8(ByteBuffer src, long[] out, long mask) {
    int p = src.position();
    for (int i = 0; i < out.length; i++) {
      out[i] = src.get(p + i) & mask;
    }
  }

  private static void decode16(ByteBuffer src, long[] out, long mask) {
    int p = src.position();
    for (int i = 0; i < out.length; i++) {
      out[i] = src.getShort(p + 2 * i) & mask;
    }
  }

  private static void decode32(ByteBuffer src, long[] out, long mask) {
    int p = src.position();
    for (int i = 0; i < out.length; i++) {
      out[i] = src.getInt(p + 4 * i) & mask;
    }
  }

  private static void decode64(ByteBuffer src, long[] out) {
    int p = src.position();
    for (int i = 0; i < out.length; i++) {
      out[i] = src.getLong(p + 8 * i);
    }
  }

  private static void decodeDouble(ByteBuffer src, long[] out) {
    int p = src.position();
    for (int i = 0; i < out.length; i++) {
      double d = src.getDouble(p + 8 * i);
      if (!(d >= -TWO_63 && d < TWO_63)) {
        throw new ArithmeticException("value " + d + " is not a number that fits int64");
      }
      out[i] = (long) d;
    }
  }
}
