// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the unpickler's Python-like values into the public tree: unmodifiable maps, lists and sets that keep their
 * order, {@code argparse.Namespace} as a map of its attributes, omegaconf containers and nodes as their content
 * (their metadata and parent links are dropped). A value shared in the pickle stays one shared value.
 */
final class Freezer {
  /** Deeper nesting than this is certainly not a checkpoint, and would exhaust the Java stack. */
  static final int MAX_DEPTH = 500;

  private final Map<Object, Object> frozen = new IdentityHashMap<>();
  private final Set<Object> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

  Object freeze(Object v) {
    return freeze(v, 0);
  }

  private Object freeze(Object v, int depth) {
    if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean
        || v instanceof BigInteger || v instanceof byte[] || v instanceof TorchTensor || v instanceof NumpyArray) {
      return v;
    }
    if (depth > MAX_DEPTH) {
      throw new PickleError("values are nested more than %d deep", MAX_DEPTH);
    }
    Object done = frozen.get(v);
    if (done != null) {
      return done;
    }
    if (!inProgress.add(v)) {
      throw new PickleError("a %s contains itself", Reductions.describe(v));
    }
    Object result = convert(v, depth + 1);
    inProgress.remove(v);
    frozen.put(v, result);
    return result;
  }

  private Object convert(Object v, int depth) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(freeze(e.getKey(), depth), freeze(e.getValue(), depth));
      }
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof PyTuple t) {
      return freezeAll(t.items(), depth);
    }
    if (v instanceof List<?> l) {
      return freezeAll(l, depth);
    }
    if (v instanceof Set<?> s) {
      Set<Object> out = new LinkedHashSet<>();
      for (Object o : s) {
        out.add(freeze(o, depth));
      }
      return Collections.unmodifiableSet(out);
    }
    if (v instanceof PyInstance i) {
      return instance(i, depth);
    }
    if (v instanceof NumpyValues.PendingArray a) {
      return a.array();
    }
    throw new PickleError("a %s cannot be a value; only tensors, containers and fairseq args/cfg are accepted",
        Reductions.describe(v));
  }

  private List<Object> freezeAll(Collection<?> items, int depth) {
    List<Object> out = new ArrayList<>(items.size());
    for (Object o : items) {
      out.add(freeze(o, depth));
    }
    return Collections.unmodifiableList(out);
  }

  private Object instance(PyInstance i, int depth) {
    Map<?, ?> attributes = i.attributes() == null ? Map.of() : i.attributes();
    switch (i.type()) {
      case NAMESPACE:
        return freeze(attributes, depth);
      case DICT_CONFIG:
      case LIST_CONFIG:
        return freeze(attribute(i, attributes, "_content"), depth);
      default:
        if (i.type().isOmegaconfNode()) {
          return freeze(attribute(i, attributes, "_val"), depth);
        }
        throw new PickleError("%s appears outside an omegaconf container", i.type());
    }
  }

  private static Object attribute(PyInstance i, Map<?, ?> attributes, String name) {
    if (!attributes.containsKey(name)) {
      throw new PickleError("%s has no %s", i.type(), name);
    }
    return attributes.get(name);
  }
}
