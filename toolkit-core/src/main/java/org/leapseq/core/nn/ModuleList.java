// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.leapseq.core.Require;

/** An indexed list of child modules named {@code 0, 1, 2, ...}, like PyTorch's {@code nn.ModuleList}. */
public final class ModuleList<M extends Module> extends Module implements Iterable<M> {
  private final List<M> items = new ArrayList<>();

  private ModuleList(List<? extends M> modules) {
    Set<Module> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    for (M m : modules) {
      Require.that(!m.hasParent() && distinct.add(m), "ModuleList: module %d already has a parent", distinct.size());
    }
    for (M m : modules) {
      items.add(child(Integer.toString(items.size()), m));
    }
  }

  /** A list of {@code n} modules, the i-th built by {@code factory.apply(i)} in order. */
  public static <M extends Module> ModuleList<M> of(int n, IntFunction<M> factory) {
    Require.that(n >= 0, "ModuleList of %d modules", n);
    List<M> ms = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ms.add(factory.apply(i));
    }
    return new ModuleList<>(ms);
  }

  /** A list of the given modules, in order. */
  public static <M extends Module> ModuleList<M> of(List<? extends M> modules) {
    return new ModuleList<>(modules);
  }

  public M get(int i) {
    return items.get(i);
  }

  public int size() {
    return items.size();
  }

  @Override
  public Iterator<M> iterator() {
    return Collections.unmodifiableList(items).iterator();
  }
}
