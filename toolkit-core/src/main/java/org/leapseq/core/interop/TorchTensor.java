// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor read from a PyTorch checkpoint: a strided view ({@code shape}, {@code stride}, {@code storageOffset}, in
 * elements, as PyTorch defines them) into a storage of the checkpoint. Views of one storage (tied weights, slices,
 * transposes) share its bytes; {@link #toArray} copies the viewed elements into a new C-order ND4J array.
 */
public final class TorchTensor {
  /** Java arrays hold at most about this many elements. */
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private final Storage storage;
  private final long storageOffset;
  private final long[] shape;
  private final long[] stride;
  private final long elementCount;

  TorchTensor(Storage storage, long storageOffset, long[] shape, long[] stride) {
    this.storage = storage;
    this.storageOffset = storageOffset;
    this.shape = shape.clone();
    this.stride = stride.clone();
    this.elementCount = checkedElementCount(storage, storageOffset, this.shape, this.stride);
  }

  /** The element count of the view, after checking that it lies inside {@code storage}. */
  private static long checkedElementCount(Storage storage, long storageOffset, long[] shape, long[] stride) {
    String layout = "size " + Arrays.toString(shape) + ", stride " + Arrays.toString(stride) + " and offset "
        + storageOffset;
    if (shape.length != stride.length || storageOffset < 0) {
      throw new PickleError("tensor has %s", layout);
    }
    long last = storageOffset;
    long elementCount = 1;
    try {
      for (int d = 0; d < shape.length; d++) {
        if (shape[d] < 0 || stride[d] < 0) {
          throw new PickleError("tensor has %s; negative values are not supported", layout);
        }
        last = Math.addExact(last, Math.multiplyExact(Math.max(shape[d] - 1, 0), stride[d]));
      }
      for (long s : shape) {
        elementCount = Math.multiplyExact(elementCount, s);
      }
    } catch (ArithmeticException e) {
      throw new PickleError("tensor of %s overflows", layout);
    }
    if (elementCount > 0 && last >= storage.numel()) {
      throw new PickleError("tensor of %s reads past the end of storage '%s' (%d elements)", layout,
          RefusedGlobal.printable(storage.key()), storage.numel());
    }
    return elementCount;
  }

  /** The element type in the checkpoint. */
  public TorchDtype dtype() {
    return storage.dtype();
  }

  /** The size of each dimension; empty for a 0-d tensor. */
  public long[] shape() {
    return shape.clone();
  }

  /** The stride of each dimension, in elements. */
  public long[] stride() {
    return stride.clone();
  }

  /** Where the first element sits in the storage, in elements. */
  public long storageOffset() {
    return storageOffset;
  }

  /** The number of elements, the product of the shape (1 for a 0-d tensor). */
  public long elementCount() {
    return elementCount;
  }

  /** True if the elements lie in C order without gaps (stride of the last dimension 1, and so on). */
  public boolean isContiguous() {
    long expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && stride[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  /** True if both tensors are views of the same storage of the same checkpoint (tied or sliced weights). */
  public boolean sharesStorageWith(TorchTensor other) {
    return storage.bytes() == other.storage.bytes();
  }

  /** A new C-order FLOAT array of this tensor's values (float64 rounded, float16 and bfloat16 exact). */
  public INDArray toFloat32() {
    return toArray(DataType.FLOAT);
  }

  /** A new C-order DOUBLE array of this tensor's values (exact for every dtype except int64 beyond 2^53). */
  public INDArray toFloat64() {
    return toArray(DataType.DOUBLE);
  }

  /**
   * A new C-order array of this tensor's values as {@code type}: FLOAT or DOUBLE from any dtype, LONG or INT from the
   * integer dtypes and bool (INT fails if a value does not fit).
   */
  public INDArray toArray(DataType type) {
    long n = elementCount();
    if (n > MAX_ELEMENTS) {
      throw new IllegalStateException("tensor of " + n + " elements is too large for one array");
    }
    boolean integral = !dtype().isFloatingPoint();
    switch (type) {
      case FLOAT:
        return Nd4j.create(floats((int) n), shape, type);
      case DOUBLE:
        return Nd4j.create(doubles((int) n), shape, type);
      case LONG:
        requireIntegral(integral, type);
        return Nd4j.create(longs((int) n), shape, type);
      case INT:
        requireIntegral(integral, type);
        return Nd4j.create(ints((int) n), shape, type);
      default:
        throw new IllegalArgumentException("cannot convert a tensor to " + type + "; use FLOAT, DOUBLE, LONG or INT");
    }
  }

  private void requireIntegral(boolean integral, DataType type) {
    if (!integral) {
      throw new IllegalArgumentException("cannot convert a " + dtype() + " tensor to " + type);
    }
  }

  private float[] floats(int n) {
    float[] out = new float[n];
    if (dtype() == TorchDtype.FLOAT32 && isContiguous()) {
      contiguousBytes().asFloatBuffer().get(out);
      return out;
    }
    TensorLayout.forEachElement(shape, stride, storageOffset,
        (i, at) -> out[i] = (float) dtype().readDouble(storage.bytes(), at * dtype().itemSize()));
    return out;
  }

  private double[] doubles(int n) {
    double[] out = new double[n];
    if (dtype() == TorchDtype.FLOAT64 && isContiguous()) {
      contiguousBytes().asDoubleBuffer().get(out);
      return out;
    }
    TensorLayout.forEachElement(shape, stride, storageOffset,
        (i, at) -> out[i] = dtype().readDouble(storage.bytes(), at * dtype().itemSize()));
    return out;
  }

  /** The storage bytes from this tensor's first element on, in the storage's byte order. */
  private ByteBuffer contiguousBytes() {
    ByteBuffer b = storage.bytes().duplicate().order(storage.bytes().order());
    b.position((int) storageOffset * dtype().itemSize());
    return b.slice().order(storage.bytes().order());
  }

  private long[] longs(int n) {
    long[] out = new long[n];
    TensorLayout.forEachElement(shape, stride, storageOffset,
        (i, at) -> out[i] = dtype().readLong(storage.bytes(), at * dtype().itemSize()));
    return out;
  }

  private int[] ints(int n) {
    long[] l = longs(n);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.toIntExact(l[i]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "TorchTensor[" + dtype() + " " + Arrays.toString(shape) + "]";
  }
}
