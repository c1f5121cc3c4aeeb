// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The unpickler's value stack and its marks. As in Python's unpickler, a MARK starts a new frame: nothing below the
 * newest mark can be read until the mark is popped.
 */
final class PickleStack {
  /** Python hashes tuple keys recursively; deeper keys than this are not something a checkpoint holds. */
  private static final int MAX_KEY_DEPTH = 16;

  private final List<Object> values = new ArrayList<>();
  private final List<Integer> marks = new ArrayList<>();

  boolean isEmpty() {
    return values.isEmpty() && marks.isEmpty();
  }

  int size() {
    return values.size();
  }

  void push(Object o) {
    values.add(o);
  }

  void mark() {
    marks.add(values.size());
  }

  Object top() {
    int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
    if (values.size() <= floor) {
      throw new PickleError("the pickle reads past the bottom of its stack");
    }
    return values.get(values.size() - 1);
  }

  Object pop() {
    Object o = top();
    values.remove(values.size() - 1);
    return o;
  }

  /** Pops everything above the newest mark, and the mark. */
  List<Object> popMark() {
    if (marks.isEmpty()) {
      throw new PickleError("the pickle closes a MARK it never opened");
    }
    int from = marks.remove(marks.size() - 1);
    List<Object> tail = new ArrayList<>(values.subList(from, values.size()));
    values.subList(from, values.size()).clear();
    return tail;
  }

  /** The list on top of the stack, for APPEND(S). */
  @SuppressWarnings("unchecked")
  List<Object> topList() {
    Object o = top();
    if (!(o instanceof ArrayList)) {
      throw new PickleError("APPEND to a %s", Reductions.describe(o));
    }
    return (List<Object>) o;
  }

  /** Puts {@code key: value} into the dict on top of the stack (SETITEM(S)). */
  @SuppressWarnings("unchecked")
  void putIntoTop(Object key, Object value) {
    Object o = top();
    if (!(o instanceof LinkedHashMap)) {
      throw new PickleError("SETITEM on a %s", Reductions.describe(o));
    }
    ((Map<Object, Object>) o).put(hashable(key, 0), value);
  }

  /** Adds {@code items} to the set on top of the stack (ADDITEMS). */
  @SuppressWarnings("unchecked")
  void addToTopSet(Collection<Object> items) {
    Object o = top();
    if (!(o instanceof Set)) {
      throw new PickleError("ADDITEMS on a %s", Reductions.describe(o));
    }
    for (Object item : items) {
      ((Set<Object>) o).add(hashable(item, 0));
    }
  }

  /**
   * {@code key} if it can be a dict key or set element: str, int, float, bool, None, bytes, or a tuple of these.
   * Python refuses lists and dicts as keys too; refusing them here also keeps hashing from recursing without end.
   */
  static Object hashable(Object key, int depth) {
    if (key instanceof PyTuple t && depth < MAX_KEY_DEPTH) {
      for (Object item : t.items()) {
        hashable(item, depth + 1);
      }
      return key;
    }
    if (key == null || key instanceof String || key instanceof Long || key instanceof java.math.BigInteger
        || key instanceof Double || key instanceof Boolean || key instanceof byte[]) {
      return key;
    }
    throw new PickleError("a %s cannot be a dict key or set element", Reductions.describe(key));
  }
}
