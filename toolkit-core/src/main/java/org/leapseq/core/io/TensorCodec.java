// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Converts between little-endian, row-major tensor bytes and ND4J arrays. */
final class TensorCodec {
  private static final int CHUNK_BYTES = 1 << 16;

  private TensorCodec() {}

  /** Puts element {@code i} of {@code data} into {@code out}. */
  private interface ElementWriter {
    void put(ByteBuffer out, DataBuffer data, long i);
  }

  /** The array described by {@code t} from its bytes {@code b} (exactly {@code t.end() - t.begin()} of them). */
  static INDArray decode(TensorInfo t, ByteBuffer b) {
    long[] shape = t.shape();
    int n = (int) t.elementCount();
    if (n == 0) {
      return Nd4j.create(t.dtype().loadedAs(), shape);
    }
    b.order(ByteOrder.LITTLE_ENDIAN);
    switch (t.dtype()) {
      case F64:
        double[] d = new double[n];
        b.asDoubleBuffer().get(d);
        return Nd4j.create(d, shape, t.dtype().loadedAs());
      case I64:
        long[] l = new long[n];
        b.asLongBuffer().get(l);
        return Nd4j.create(l, shape, t.dtype().loadedAs());
      case I32:
        int[] i = new int[n];
        b.asIntBuffer().get(i);
        return Nd4j.create(i, shape, t.dtype().loadedAs());
      default:
        return Nd4j.create(floats(t.dtype(), b, n), shape, t.dtype().loadedAs());
    }
  }

  private static float[] floats(Dtype dtype, ByteBuffer b, int n) {
    float[] f = new float[n];
    if (dtype == Dtype.F32) {
      b.asFloatBuffer().get(f);
      return f;
    }
    ShortBuffer s = b.asShortBuffer();
    for (int i = 0; i < n; i++) {
      int bits = s.get(i) & 0xffff;
      f[i] = dtype == Dtype.F16 ? HalfFloats.halfToFloat(bits) : HalfFloats.bfloat16ToFloat(bits);
    }
    return f;
  }

  /** Writes the elements of {@code a} in row-major order as little-endian {@code dtype} values. */
  static void encode(INDArray a, Dtype dtype, OutputStream out) throws IOException {
    long n = a.length();
    if (n == 0) {
      return;
    }
    DataBuffer data = rowMajor(a).data();
    ElementWriter writer = writerFor(dtype);
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < n; i++) {
      if (chunk.remaining() < dtype.itemSize()) {
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
      }
      writer.put(chunk, data, i);
    }
    out.write(chunk.array(), 0, chunk.position());
  }

  /** {@code a} itself when its buffer already holds exactly its elements in C order, otherwise a C-order copy. */
  static INDArray rowMajor(INDArray a) {
    boolean plain = !a.isView() && a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length();
    return plain ? a : a.dup('c');
  }

  private static ElementWriter writerFor(Dtype dtype) {
    switch (dtype) {
      case F64:
        return (out, data, i) -> out.putDouble(data.getDouble(i));
      case F32:
        return (out, data, i) -> out.putFloat(data.getFloat(i));
      case I64:
        return (out, data, i) -> out.putLong(data.getLong(i));
      case I32:
        return (out, data, i) -> out.putInt(data.getInt(i));
      default:
        throw new IllegalArgumentException("not a writable dtype: " + dtype);
    }
  }
}
