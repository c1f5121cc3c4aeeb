// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.util.Arrays;

/**
 * A numpy array read from a checkpoint (fairseq keeps small ones in {@code extra_state}), with its values copied out
 * in C order: floating-point dtypes as doubles (exact), integer dtypes and bool as longs (bool: 0 or 1).
 */
public final class NumpyArray {
  private final NumpyDtype dtype;
  private final long[] shape;
  private final double[] doubles;
  private final long[] longs;

  NumpyArray(NumpyDtype dtype, long[] shape, double[] doubles, long[] longs) {
    this.dtype = dtype;
    this.shape = shape.clone();
    this.doubles = doubles;
    this.longs = longs;
  }

  /** The element type the array had in the checkpoint. */
  public NumpyDtype dtype() {
    return dtype;
  }

  /** The size of each dimension; empty for a 0-d array. */
  public long[] shape() {
    return shape.clone();
  }

  /** The number of elements. */
  public int elementCount() {
    return doubles != null ? doubles.length : longs.length;
  }

  /** A copy of the values in C order, as doubles (exact, except for 64-bit integers beyond 2^53). */
  public double[] toDoubles() {
    if (doubles != null) {
      return doubles.clone();
    }
    return Arrays.stream(longs).asDoubleStream().toArray();
  }

  /** A copy of the values in C order, for the integer dtypes and bool; fails for floating-point arrays. */
  public long[] toLongs() {
    if (longs == null) {
      throw new IllegalStateException("a " + dtype + " array has no integer values");
    }
    return longs.clone();
  }

  @Override
  public String toString() {
    return "NumpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
