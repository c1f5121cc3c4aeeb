// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import org.nd4j.linalg.api.buffer.DataType;

/** The safetensors element types this package understands, with their size and the ND4J type they load as. */
enum Dtype {
  F64(8, DataType.DOUBLE),
  F32(4, DataType.FLOAT),
  F16(2, DataType.FLOAT),
  BF16(2, DataType.FLOAT),
  I64(8, DataType.LONG),
  I32(4, DataType.INT);

  private final int itemSize;
  private final DataType loadedAs;

  Dtype(int itemSize, DataType loadedAs) {
    this.itemSize = itemSize;
    this.loadedAs = loadedAs;
  }

  /** Bytes per element in the file. */
  int itemSize() {
    return itemSize;
  }

  /** The ND4J type an array of this dtype is read into. */
  DataType loadedAs() {
    return loadedAs;
  }

  /** The dtype spelled {@code name} in a header, or null if this package does not read it. */
  static Dtype parse(String name) {
    for (Dtype d : values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** The dtype an ND4J array of type {@code t} is written as, or null if it cannot be written. */
  static Dtype forWriting(DataType t) {
    switch (t) {
      case DOUBLE:
        return F64;
      case FLOAT:
        return F32;
      case LONG:
        return I64;
      case INT:
        return I32;
      default:
        return null;
    }
  }
}
