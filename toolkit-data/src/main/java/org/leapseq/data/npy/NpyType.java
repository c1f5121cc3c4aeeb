// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.npy;

/** The element types read and written, with numpy's little-endian {@code descr} and the item size in bytes. */
public enum NpyType {
  FLOAT32("f", 4),
  FLOAT64("f", 8),
  INT8("i", 1),
  INT16("i", 2),
  INT32("i", 4),
  INT64("i", 8),
  UINT8("u", 1);

  private final String kind;
  private final int itemSize;

  NpyType(String kind, int itemSize) {
    this.kind = kind;
    this.itemSize = itemSize;
  }

  public int itemSize() {
    return itemSize;
  }

  /** numpy's descr in little-endian order, e.g. {@code <f4}; single bytes use {@code |}. */
  public String descr() {
    return (itemSize == 1 ? "|" : "<") + kind + itemSize;
  }

  /** The type of a descr such as {@code <f4}, {@code >i8} or {@code |u1}, or null if unsupported. */
  static NpyType ofDescr(String descr) {
    if (descr.length() < 3) {
      return null;
    }
    String body = descr.substring(1);
    for (NpyType t : values()) {
      if (body.equals(t.kind + t.itemSize)) {
        return t;
      }
    }
    return null;
  }
}
