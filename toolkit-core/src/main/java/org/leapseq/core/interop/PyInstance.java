// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.util.Map;

/**
 * An instance of an allowed class ({@code argparse.Namespace}, an omegaconf container, node or metadata) while
 * unpickling: NEWOBJ creates it empty and BUILD sets its attribute dict once.
 */
final class PyInstance implements Buildable {
  private final PyGlobal type;
  private Map<?, ?> attributes;

  PyInstance(PyGlobal type) {
    this.type = type;
  }

  PyGlobal type() {
    return type;
  }

  /** The attributes set by BUILD, or null if the pickle never built this instance. */
  Map<?, ?> attributes() {
    return attributes;
  }

  /** Applies a BUILD state: an attribute dict, or the (dict, slots dict) pair of classes with slots. */
  @Override
  public void build(Object state) {
    if (attributes != null) {
      throw new PickleError("%s is built twice", type);
    }
    Object dict = state;
    if (state instanceof PyTuple t && t.size() == 2 && (t.get(1) == null || t.get(1) instanceof Map)) {
      if (t.get(1) != null && !((Map<?, ?>) t.get(1)).isEmpty()) {
        throw new PickleError("%s has slot state, which is not supported", type);
      }
      dict = t.get(0);
    }
    if (!(dict instanceof Map<?, ?> m)) {
      throw new PickleError("%s is built from a %s, not an attribute dict", type, Reductions.describe(state));
    }
    attributes = m;
  }
}
