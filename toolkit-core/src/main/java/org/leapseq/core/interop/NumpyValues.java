// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * numpy scalars and arrays as plain data. numpy pickles a scalar as {@code multiarray.scalar(dtype, bytes)} and an
 * array as {@code multiarray._reconstruct(numpy.ndarray, (0,), b'b')} followed by BUILD with
 * {@code (version, shape, dtype, is_fortran, bytes)}; a dtype is {@code numpy.dtype('f8', False, True)} followed by
 * BUILD with its byte order. With pickle protocol 5 an array is {@code numeric._frombuffer(bytes, dtype, shape,
 * order)} instead. Only the {@link NumpyDtype}s are accepted: any other type code (object, string,
 * structured, ...) is refused with {@link RefusedDtype} the moment the dtype is named.
 */
final class NumpyValues {
  static final String MULTIARRAY = "numpy._core.multiarray";
  static final String LEGACY_MULTIARRAY = "numpy.core.multiarray";
  static final String NUMERIC = "numpy._core.numeric";
  static final String LEGACY_NUMERIC = "numpy.core.numeric";

  private NumpyValues() {}

  /** {@code numpy.dtype(code, align, copy)}: a dtype still waiting for its byte order. */
  static PendingDtype dtype(String code) {
    NumpyDtype type = NumpyDtype.forCode(code);
    if (type == null) {
      throw new RefusedDtype(code);
    }
    return new PendingDtype(type);
  }

  /** {@code multiarray.scalar(dtype, data)}: Boolean, Double (exact), Long, or BigInteger for a uint64 above 2^63. */
  static Object scalar(PendingDtype dtype, byte[] data) {
    NumpyDtype type = dtype.type;
    if (data.length != type.itemSize()) {
      throw new PickleError("numpy %s scalar has %d bytes of data", type, data.length);
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(dtype.order());
    if (type == NumpyDtype.BOOL) {
      return b.get(0) != 0;
    }
    if (type.isFloatingPoint()) {
      return type.readDouble(b, 0);
    }
    long v = type.readLong(b, 0);
    return type.fitsInLong(v) ? (Object) v : new BigInteger(Long.toUnsignedString(v));
  }

  /** {@code numeric._frombuffer(data, dtype, shape, order)}: how pickle protocol 5 writes an array. */
  static NumpyArray fromBuffer(PyTuple args) {
    byte[] data = Reductions.as(byte[].class, args.get(0), "the data of a numpy array");
    PendingDtype dtype = Reductions.as(PendingDtype.class, args.get(1), "the dtype of a numpy array");
    long[] shape = Reductions.longs(args.get(2), "the shape of a numpy array");
    String order = Reductions.as(String.class, args.get(3), "the order of a numpy array");
    if (!order.equals("C") && !order.equals("F")) {
      throw new PickleError("numpy array has order '%s', not C or F", RefusedGlobal.printable(order));
    }
    return values(dtype, shape, order.equals("F"), data);
  }

  /** A {@code numpy.dtype} between its call and its BUILD, which sets the byte order. */
  static final class PendingDtype implements Buildable {
    private final NumpyDtype type;
    private ByteOrder order;

    PendingDtype(NumpyDtype type) {
      this.type = type;
    }

    /** The byte order set by BUILD (any for one-byte types). */
    ByteOrder order() {
      if (order == null && type.itemSize() > 1) {
        throw new PickleError("numpy dtype '%s' is used before its byte order is set", type.code());
      }
      return order == null ? ByteOrder.LITTLE_ENDIAN : order;
    }

    /** {@code (3, endian, subarray, names, fields, elsize, alignment, flags)}, or version 4 with metadata. */
    @Override
    public void build(Object state) {
      if (order != null) {
        throw new PickleError("numpy dtype '%s' is built twice", type.code());
      }
      PyTuple t = Reductions.as(PyTuple.class, state, "the state of a numpy dtype");
      boolean v3 = t.size() == 8 && Long.valueOf(3).equals(t.get(0));
      boolean v4 = t.size() == 9 && Long.valueOf(4).equals(t.get(0))
          && (t.get(8) == null || t.get(8) instanceof Map<?, ?> m && m.isEmpty());
      if (!v3 && !v4 || t.get(2) != null || t.get(3) != null || t.get(4) != null
          || !(t.get(5) instanceof Long) || !(t.get(6) instanceof Long) || !(t.get(7) instanceof Long)) {
        throw new PickleError("numpy dtype '%s' has the state of a structured or unsupported dtype", type.code());
      }
      String endian = Reductions.as(String.class, t.get(1), "the byte order of a numpy dtype");
      switch (endian) {
        case "<" -> order = ByteOrder.LITTLE_ENDIAN;
        case ">" -> order = ByteOrder.BIG_ENDIAN;
        case "|" -> {
          if (type.itemSize() != 1) {
            throw new PickleError("numpy dtype '%s' has no byte order", type.code());
          }
          order = ByteOrder.LITTLE_ENDIAN;
        }
        default -> throw new PickleError("numpy dtype '%s' has byte order '%s'", type.code(),
            RefusedGlobal.printable(endian));
      }
    }

    @Override
    public String toString() {
      return "numpy.dtype";
    }
  }

  /** A {@code numpy.ndarray} between {@code _reconstruct} and its BUILD, which gives shape, dtype and data. */
  static final class PendingArray implements Buildable {
    private NumpyArray array;

    /** The built array; fails if the pickle never built it. */
    NumpyArray array() {
      if (array == null) {
        throw new PickleError("a numpy array is never given its data");
      }
      return array;
    }

    /** {@code (version, shape, dtype, is_fortran, data)}, or the same without the version. */
    @Override
    public void build(Object state) {
      if (array != null) {
        throw new PickleError("a numpy array is built twice");
      }
      List<Object> t = Reductions.as(PyTuple.class, state, "the state of a numpy array").items();
      if (t.size() == 5) {
        Reductions.integer(t.get(0), "the state version of a numpy array");
        t = t.subList(1, 5);
      }
      if (t.size() != 4) {
        throw new PickleError("the state of a numpy array has %d items", t.size());
      }
      long[] shape = Reductions.longs(t.get(0), "the shape of a numpy array");
      PendingDtype dtype = Reductions.as(PendingDtype.class, t.get(1), "the dtype of a numpy array");
      boolean fortran = Reductions.as(Boolean.class, t.get(2), "the order flag of a numpy array");
      byte[] data = Reductions.as(byte[].class, t.get(3), "the data of a numpy array");
      array = values(dtype, shape, fortran, data);
    }

    @Override
    public String toString() {
      return "numpy.ndarray";
    }
  }

  private static NumpyArray values(PendingDtype dtype, long[] shape, boolean fortran, byte[] data) {
    NumpyDtype type = dtype.type;
    long n = 1;
    try {
      for (long s : shape) {
        if (s < 0) {
          throw new PickleError("numpy array has a negative size in its shape");
        }
        n = Math.multiplyExact(n, s);
      }
      Math.multiplyExact(n, type.itemSize());
    } catch (ArithmeticException e) {
      throw new PickleError("numpy array shape overflows");
    }
    if (n * type.itemSize() != data.length) {
      throw new PickleError("numpy %s array of %d elements has %d bytes of data", type, n, data.length);
    }
    long[] stride = TensorLayout.contiguousStride(shape, fortran);
    ByteBuffer b = ByteBuffer.wrap(data).order(dtype.order());
    int size = type.itemSize();
    if (type.isFloatingPoint()) {
      double[] out = new double[(int) n];
      TensorLayout.forEachElement(shape, stride, 0, (i, at) -> out[i] = type.readDouble(b, (int) at * size));
      return new NumpyArray(type, shape, out, null);
    }
    long[] out = new long[(int) n];
    TensorLayout.forEachElement(shape, stride, 0, (i, at) -> out[i] = type.readLong(b, (int) at * size));
    for (long v : out) {
      if (!type.fitsInLong(v)) {
        throw new PickleError("numpy uint64 array holds a value above 2^63 - 1");
      }
    }
    if (type == NumpyDtype.BOOL) {
      for (int i = 0; i < out.length; i++) {
        out[i] = out[i] != 0 ? 1 : 0;
      }
    }
    return new NumpyArray(type, shape, null, out);
  }
}
