// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import org.leapseq.core.LeapseqException;

/**
 * Element types of fairseq's indexed datasets, with the numeric codes of {@code _code_to_dtype} in {@code
 * fairseq/data/indexed_dataset.py}. {@link #DOUBLE} (code 7) is the same numpy type as {@link #FLOAT64} (code 6);
 * readers accept it, writers always emit 6.
 */
public enum DType {
  UINT8(1, 1, 0, 0xFFL),
  INT8(2, 1, Byte.MIN_VALUE, Byte.MAX_VALUE),
  INT16(3, 2, Short.MIN_VALUE, Short.MAX_VALUE),
  INT32(4, 4, Integer.MIN_VALUE, Integer.MAX_VALUE),
  INT64(5, 8, Long.MIN_VALUE, Long.MAX_VALUE),
  FLOAT64(6, 8, -(1L << 53), 1L << 53),
  DOUBLE(7, 8, -(1L << 53), 1L << 53),
  UINT16(8, 2, 0, 0xFFFFL),
  UINT32(9, 4, 0, 0xFFFF_FFFFL),
  UINT64(10, 8, 0, Long.MAX_VALUE);

  private static final DType[] BY_CODE = new DType[11];

  static {
    for (DType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;
  private final int itemSize;
  private final long minValue;
  private final long maxValue;

  DType(int code, int itemSize, long minValue, long maxValue) {
    this.code = code;
    this.itemSize = itemSize;
    this.minValue = minValue;
    this.maxValue = maxValue;
  }

  /** The fairseq dtype code stored in index headers. */
  public int code() {
    return code;
  }

  /** Bytes per element. */
  public int itemSize() {
    return itemSize;
  }

  /** The dtype with fairseq code {@code code}; a {@link LeapseqException} naming the code if there is none. */
  public static DType fromCode(int code) {
    DType t = byCode(code);
    if (t == null) {
      throw LeapseqException.of("unknown dtype code %d (fairseq knows codes 1 to 10)", code);
    }
    return t;
  }

  /**
   * fairseq's {@code best_fitting_int_dtype}: {@link #UINT16} below 65500, {@link #UINT32} below 4294967295, else
   * {@link #INT64}.
   */
  public static DType bestFitting(long vocabSize) {
    if (vocabSize < 65500) {
      return UINT16;
    }
    return vocabSize < 4294967295L ? UINT32 : INT64;
  }

  /** The dtype with code {@code code}, or null; a header's code may be any unsigned value. */
  static DType byCode(long code) {
    return code >= 1 && code < BY_CODE.length ? BY_CODE[(int) code] : null;
  }

  /** The numpy name, such as {@code uint16}. */
  String numpyName() {
    return this == DOUBLE ? "double" : name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The smallest value a writer accepts (for floats, the smallest exactly representable run of integers). */
  long minValue() {
    return minValue;
  }

  /** The largest value a writer accepts ({@code Long.MAX_VALUE} for uint64, 2^53 for floats). */
  long maxValue() {
    return maxValue;
  }

  /** {@link #DOUBLE} maps to {@link #FLOAT64}, like fairseq's {@code _dtype_header_code}. */
  DType canonical() {
    return this == DOUBLE ? FLOAT64 : this;
  }
}
