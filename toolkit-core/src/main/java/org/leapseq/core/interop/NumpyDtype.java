// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.nio.ByteBuffer;
import org.leapseq.core.io.HalfFloats;

/**
 * The numpy dtypes this package reads: the basic numeric ones, as numpy pickles them ({@code numpy.dtype('f8')}). The
 * byte order is not part of the type; it comes with each scalar or array.
 */
public enum NumpyDtype {
  BOOL("b1"),
  INT8("i1"),
  INT16("i2"),
  INT32("i4"),
  INT64("i8"),
  UINT8("u1"),
  UINT16("u2"),
  UINT32("u4"),
  UINT64("u8"),
  FLOAT16("f2"),
  FLOAT32("f4"),
  FLOAT64("f8");

  private final String code;

  NumpyDtype(String code) {
    this.code = code;
  }

  /** numpy's type code: kind and item size, as in {@code numpy.dtype('f8')}. */
  public String code() {
    return code;
  }

  /** Bytes per element. */
  public int itemSize() {
    return code.charAt(1) - '0';
  }

  /** True for float16, float32 and float64. */
  public boolean isFloatingPoint() {
    return code.charAt(0) == 'f';
  }

  /** The dtype with type code {@code code} ({@code 'f8'}, {@code 'i4'}, {@code 'b1'}, ...), or null. */
  static NumpyDtype forCode(String code) {
    for (NumpyDtype d : values()) {
      if (d.code.equals(code)) {
        return d;
      }
    }
    return null;
  }

  /** The floating-point element at byte {@code at} of {@code b} (in {@code b}'s order), exactly as a double. */
  double readDouble(ByteBuffer b, int at) {
    switch (this) {
      case FLOAT16:
        return HalfFloats.halfToFloat(b.getShort(at));
      case FLOAT32:
        return b.getFloat(at);
      case FLOAT64:
        return b.getDouble(at);
      default:
        throw new IllegalStateException(this + " is not a floating-point type");
    }
  }

  /**
   * The integer or bool element at byte {@code at} of {@code b} as a long (bool: 0 or 1). A uint64 above
   * {@link Long#MAX_VALUE} comes back as its two's complement; {@link #fitsInLong} tells.
   */
  long readLong(ByteBuffer b, int at) {
    switch (this) {
      case BOOL:
      case UINT8:
        return b.get(at) & 0xffL;
      case INT8:
        return b.get(at);
      case INT16:
        return b.getShort(at);
      case UINT16:
        return b.getShort(at) & 0xffffL;
      case INT32:
        return b.getInt(at);
      case UINT32:
        return b.getInt(at) & 0xffffffffL;
      case INT64:
      case UINT64:
        return b.getLong(at);
      default:
        throw new IllegalStateException(this + " is not an integer type");
    }
  }

  /** False only for a uint64 {@code value} read by {@link #readLong} that is above {@link Long#MAX_VALUE}. */
  boolean fitsInLong(long value) {
    return this != UINT64 || value >= 0;
  }
}
