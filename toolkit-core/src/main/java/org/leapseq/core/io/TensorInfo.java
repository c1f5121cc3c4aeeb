// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

/**
 * One tensor's header entry: name, dtype, shape, and its byte range {@code [begin, end)} relative to the start of
 * the data that follows the header.
 */
record TensorInfo(String name, Dtype dtype, long[] shape, long begin, long end) {
  /** The number of elements, the product of the shape (1 for a scalar). */
  long elementCount() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }
}
