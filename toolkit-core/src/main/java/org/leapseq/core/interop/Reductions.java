// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What REDUCE does with each allowed function: it builds plain data from the arguments, exactly as far as the
 * checkpoints fairseq writes need, and rejects every other argument shape. Nothing is looked up or executed.
 */
final class Reductions {
  private Reductions() {}

  /** The result of calling {@code f} (an allowed {@link PyGlobal.Role#FUNCTION}) with {@code args}. */
  static Object call(PyGlobal f, PyTuple args) {
    switch (f) {
      case REBUILD_TENSOR_V2:
        return rebuildTensor(args);
      case REBUILD_PARAMETER:
        arity(f, args, 3, 3);
        return as(TorchTensor.class, args.get(0), "the data of torch._utils._rebuild_parameter");
      case ORDERED_DICT:
      case DEFAULT_DICT:
        arity(f, args, 0, 1);
        return f == PyGlobal.ORDERED_DICT && args.size() == 1 ? dictFromPairs(args.get(0)) : new LinkedHashMap<>();
      case SET:
      case FROZENSET:
        arity(f, args, 0, 1);
        return args.size() == 0 ? new LinkedHashSet<>() : set(items(f, args.get(0)));
      case CODECS_ENCODE:
        return encode(args);
      case BYTES_TYPE:
        arity(f, args, 0, 0); // protocol 2 spells b'' as bytes()
        return new byte[0];
      case TORCH_SIZE:
        arity(f, args, 1, 1);
        return PyTuple.of(java.util.Arrays.stream(longs(args.get(0), "a torch.Size")).boxed().toArray());
      case NUMPY_DTYPE:
        arity(f, args, 1, 3);
        return NumpyValues.dtype(as(String.class, args.get(0), "the type code of numpy.dtype"));
      case NUMPY_SCALAR:
        arity(f, args, 2, 2);
        return NumpyValues.scalar(as(NumpyValues.PendingDtype.class, args.get(0), "the dtype of a numpy scalar"),
            as(byte[].class, args.get(1), "the data of a numpy scalar"));
      case NUMPY_RECONSTRUCT:
        arity(f, args, 3, 3);
        if (args.get(0) != PyGlobal.NUMPY_NDARRAY) {
          throw new PickleError("%s rebuilds a %s, not a numpy.ndarray", f, describe(args.get(0)));
        }
        return new NumpyValues.PendingArray();
      case NUMPY_FROMBUFFER:
        arity(f, args, 4, 4);
        return NumpyValues.fromBuffer(args);
      default:
        throw new PickleError("%s cannot be called", f);
    }
  }

  /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
  private static TorchTensor rebuildTensor(PyTuple args) {
    arity(PyGlobal.REBUILD_TENSOR_V2, args, 6, 7);
    Storage storage = as(Storage.class, args.get(0), "the storage of a tensor");
    long offset = integer(args.get(1), "a storage offset");
    long[] size = longs(args.get(2), "a tensor size");
    long[] stride = longs(args.get(3), "a tensor stride");
    return new TorchTensor(storage, offset, size, stride);
  }

  private static Map<Object, Object> dictFromPairs(Object pairs) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (Object p : items(PyGlobal.ORDERED_DICT, pairs)) {
      if (!(p instanceof PyTuple t) || t.size() != 2) {
        throw new PickleError("collections.OrderedDict takes (key, value) pairs, not a %s", describe(p));
      }
      m.put(PickleStack.hashable(t.get(0), 0), t.get(1));
    }
    return m;
  }

  private static LinkedHashSet<Object> set(Collection<?> items) {
    LinkedHashSet<Object> s = new LinkedHashSet<>();
    for (Object o : items) {
      s.add(PickleStack.hashable(o, 0));
    }
    return s;
  }

  /** {@code _codecs.encode(text, "latin1")}: how protocol 2 spells a bytes object. */
  private static byte[] encode(PyTuple args) {
    arity(PyGlobal.CODECS_ENCODE, args, 1, 2);
    String text = as(String.class, args.get(0), "the text of _codecs.encode");
    String codec = args.size() == 2 ? as(String.class, args.get(1), "the codec of _codecs.encode") : "utf-8";
    switch (codec.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
      case "latin1":
      case "latin-1":
      case "iso-8859-1":
        for (int i = 0; i < text.length(); i++) {
          if (text.charAt(i) > 0xff) {
            throw new PickleError("_codecs.encode: text is not latin-1");
          }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
      case "utf-8":
      case "utf8":
        return text.getBytes(StandardCharsets.UTF_8);
      default:
        throw new PickleError("_codecs.encode with codec '%s' is not supported", RefusedGlobal.printable(codec));
    }
  }

  private static void arity(PyGlobal f, PyTuple args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw new PickleError("%s called with %d arguments", f, args.size());
    }
  }

  private static Collection<?> items(PyGlobal f, Object o) {
    if (o instanceof PyTuple t) {
      return t.items();
    }
    if (o instanceof List<?> l) {
      return l;
    }
    throw new PickleError("%s takes a list or tuple, not a %s", f, describe(o));
  }

  static <T> T as(Class<T> type, Object o, String what) {
    if (!type.isInstance(o)) {
      throw new PickleError("%s is a %s", what, describe(o));
    }
    return type.cast(o);
  }

  static long integer(Object o, String what) {
    if (!(o instanceof Long l)) {
      throw new PickleError("%s is a %s, not an int", what, describe(o));
    }
    return l;
  }

  static long[] longs(Object o, String what) {
    List<Object> items = as(PyTuple.class, o, what).items();
    long[] out = new long[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = integer(items.get(i), what);
    }
    return out;
  }

  /** Python type names of the plain values, for error messages. */
  private static final Map<Class<?>, String> TYPE_NAMES = Map.of(
      Long.class, "int", BigInteger.class, "int", Double.class, "float", String.class, "str", Boolean.class, "bool",
      byte[].class, "bytes", PyTuple.class, "tuple", Storage.class, "storage", TorchTensor.class, "tensor");

  /** A short description of a value's Python type, for error messages. */
  static String describe(Object o) {
    if (o == null) {
      return "None";
    }
    String plain = TYPE_NAMES.get(o.getClass());
    if (plain != null) {
      return plain;
    }
    if (o instanceof PyGlobal g) {
      return "python global '" + g + "'";
    }
    if (o instanceof TorchDtype d) {
      return "torch storage class for " + d;
    }
    if (o instanceof PyInstance i) {
      return i.type() + " instance";
    }
    if (o instanceof NumpyValues.PendingDtype || o instanceof NumpyValues.PendingArray) {
      return o.toString();
    }
    if (o instanceof NumpyArray) {
      return "numpy.ndarray";
    }
    if (o instanceof Map) {
      return "dict";
    }
    if (o instanceof List) {
      return "list";
    }
    return o instanceof java.util.Set ? "set" : o.getClass().getSimpleName();
  }
}
