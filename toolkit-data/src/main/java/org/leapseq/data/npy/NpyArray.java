// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.leapseq.core.Require;

/**
 * A C-order array: element type, shape and the raw little-endian bytes ({@code data} holds exactly
 * {@code product(shape) * itemSize} bytes from position 0). Accessors convert to Java arrays.
 */
public record NpyArray(NpyType type, int[] shape, ByteBuffer data) {
  public NpyArray {
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      Require.that(d >= 0, "negative dimension in shape %s", Arrays.toString(shape));
      n *= d;
    }
    Require.that(n * type.itemSize() == data.remaining(), "shape %s of %s needs %d bytes, got %d",
        Arrays.toString(shape), type, n * type.itemSize(), data.remaining());
    data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** The number of elements. */
  public int size() {
    return data.remaining() / type.itemSize();
  }

  /** A float32 array of the given shape. */
  public static NpyArray ofFloats(float[] values, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new NpyArray(NpyType.FLOAT32, shape, b);
  }

  /** A float64 array of the given shape. */
  public static NpyArray ofDoubles(double[] values, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(values);
    return new NpyArray(NpyType.FLOAT64, shape, b);
  }

  /** An int64 array of the given shape. */
  public static NpyArray ofLongs(long[] values, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return new NpyArray(NpyType.INT64, shape, b);
  }

  /** A [T, D] matrix stored as float32 (fairseq's feature files) or float64. */
  public static NpyArray ofMatrix(double[][] rows, NpyType type) {
    Require.that(type == NpyType.FLOAT32 || type == NpyType.FLOAT64, "matrix type must be float32 or float64");
    int cols = rows.length == 0 ? 0 : rows[0].length;
    ByteBuffer b = ByteBuffer.allocate(rows.length * cols * type.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
    for (double[] r : rows) {
      Require.that(r.length == cols, "ragged matrix: rows of %d and %d values", cols, r.length);
      for (double v : r) {
        if (type == NpyType.FLOAT32) {
          b.putFloat((float) v);
        } else {
          b.putDouble(v);
        }
      }
    }
    b.flip();
    return new NpyArray(type, new int[] {rows.length, cols}, b);
  }

  /** Element i (flat C order) as a double; int64 values beyond 2^53 lose precision. */
  public double get(int i) {
    int p = i * type.itemSize();
    return switch (type) {
      case FLOAT32 -> data.getFloat(p);
      case FLOAT64 -> data.getDouble(p);
      case INT8 -> data.get(p);
      case UINT8 -> data.get(p) & 0xff;
      case INT16 -> data.getShort(p);
      case INT32 -> data.getInt(p);
      case INT64 -> data.getLong(p);
    };
  }

  /** All elements as doubles, flat C order. */
  public double[] toDoubles() {
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = get(i);
    }
    return out;
  }

  /** All elements as longs; a floating-point array is an error. */
  public long[] toLongs() {
    Require.that(type != NpyType.FLOAT32 && type != NpyType.FLOAT64, "array of %s is not integral", type);
    long[] out = new long[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (long) get(i);
    }
    return out;
  }

  /** A 2-D array as rows of doubles: [T, D]. */
  public double[][] toMatrix() {
    Require.that(shape.length == 2, "expected a 2-D array, got shape %s", Arrays.toString(shape));
    double[][] out = new double[shape[0]][shape[1]];
    for (int t = 0, i = 0; t < shape[0]; t++) {
      for (int d = 0; d < shape[1]; d++) {
        out[t][d] = get(i++);
      }
    }
    return out;
  }
}
