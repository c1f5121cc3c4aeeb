// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A Python tuple while unpickling: immutable, compared by value (it may be a dict key). */
record PyTuple(List<Object> items) {
  static final PyTuple EMPTY = new PyTuple(List.of());

  static PyTuple of(Object... items) {
    return new PyTuple(Collections.unmodifiableList(Arrays.asList(items)));
  }

  int size() {
    return items.size();
  }

  Object get(int i) {
    return items.get(i);
  }
}
