// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.nio.ByteBuffer;
import org.leapseq.core.io.HalfFloats;

/** The element types of the tensors this package reads, each with the {@code torch.*Storage} class that pickles it. */
public enum TorchDtype {
  FLOAT64("DoubleStorage", 8),
  FLOAT32("FloatStorage", 4),
  FLOAT16("HalfStorage", 2),
  BFLOAT16("BFloat16Storage", 2),
  INT64("LongStorage", 8),
  INT32("IntStorage", 4),
  INT16("ShortStorage", 2),
  INT8("CharStorage", 1),
  UINT8("ByteStorage", 1),
  BOOL("BoolStorage", 1);

  private final String storageClass;
  private final int itemSize;

  TorchDtype(String storageClass, int itemSize) {
    this.storageClass = storageClass;
    this.itemSize = itemSize;
  }

  /** Bytes per element in the checkpoint. */
  public int itemSize() {
    return itemSize;
  }

  /** True for the floating-point types, false for the integer types and bool. */
  public boolean isFloatingPoint() {
    return this == FLOAT64 || this == FLOAT32 || this == FLOAT16 || this == BFLOAT16;
  }

  /** The dtype whose storage class is {@code torch.<name>}, or null if this package does not read it. */
  static TorchDtype forStorageClass(String name) {
    for (TorchDtype d : values()) {
      if (d.storageClass.equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** The element at byte position {@code at} of {@code b} as a double (exact except for int64 beyond 2^53). */
  double readDouble(ByteBuffer b, int at) {
    switch (this) {
      case FLOAT64:
        return b.getDouble(at);
      case FLOAT32:
        return b.getFloat(at);
      case FLOAT16:
        return HalfFloats.halfToFloat(b.getShort(at));
      case BFLOAT16:
        return HalfFloats.bfloat16ToFloat(b.getShort(at));
      default:
        return readLong(b, at);
    }
  }

  /** The element at byte position {@code at} of {@code b} as a long; integer types and bool only. */
  long readLong(ByteBuffer b, int at) {
    switch (this) {
      case INT64:
        return b.getLong(at);
      case INT32:
        return b.getInt(at);
      case INT16:
        return b.getShort(at);
      case INT8:
        return b.get(at);
      case UINT8:
      case BOOL:
        return b.get(at) & 0xff;
      default:
        throw new IllegalStateException(this + " is not an integer type");
    }
  }
}
