// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

/** Walks a strided view in C order. */
final class TensorLayout {
  private TensorLayout() {}

  /** Receives the C-order position {@code i} of an element and its index {@code at} in the storage. */
  interface ElementVisitor {
    void visit(int i, int at);
  }

  /**
   * Visits every element of the view (all indices fit in an int: the caller bounds the element count, and the
   * storage offsets were bounds-checked against a storage that fits in one buffer).
   */
  static void forEachElement(long[] shape, long[] stride, long offset, ElementVisitor v) {
    int rank = shape.length;
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    if (n == 0) {
      return;
    }
    long[] index = new long[rank];
    long at = offset;
    for (int i = 0; i < n; i++) {
      v.visit(i, (int) at);
      for (int d = rank - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          at += stride[d];
          break;
        }
        at -= (shape[d] - 1) * stride[d];
        index[d] = 0;
      }
    }
  }

  /** The strides of a gapless array of {@code shape}: C order (last dimension 1), or Fortran order (first 1). */
  static long[] contiguousStride(long[] shape, boolean fortran) {
    long[] stride = new long[shape.length];
    long step = 1;
    for (int k = 0; k < shape.length; k++) {
      int d = fortran ? k : shape.length - 1 - k;
      stride[d] = step;
      step *= shape[d];
    }
    return stride;
  }
}
