// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Name to (config record type, factory) for one kind of component: tasks, models, criterions, optimizers, lr
 * schedulers, tokenizers... Names are the short fairseq names ({@code adam}, {@code inverse_sqrt}); registering a
 * name twice throws, and looking up an unknown name fails with the list of valid ones.
 *
 * @param <T> what the factories build
 */
public final class Registry<T> {
  /** One registered component. */
  public record Entry<T, C extends Record>(String name, Class<C> configType, Function<C, ? extends T> factory) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(configType, "configType");
      Objects.requireNonNull(factory, "factory");
    }

    T build(Record config) {
      return factory.apply(configType.cast(config));
    }
  }

  private final String kind;
  private final Map<String, Entry<T, ?>> entries = new LinkedHashMap<>();

  /** @param kind what is registered, as it appears in messages and flags ("optimizer", "lr-scheduler") */
  public Registry(String kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public String kind() {
    return kind;
  }

  /** Registers {@code name}; throws {@link IllegalStateException} if it is already taken. */
  public synchronized <C extends Record> void register(
      String name, Class<C> configType, Function<C, ? extends T> factory) {
    Require.that(name != null && !name.isBlank(), "%s name must not be blank", kind);
    Entry<T, C> entry = new Entry<>(name, configType, factory);
    Entry<T, ?> previous = entries.putIfAbsent(name, entry);
    if (previous != null) {
      throw new IllegalStateException(kind + " '" + name + "' is already registered");
    }
  }

  /** The entry for {@code name}; an unknown name is a {@link LeapseqException} listing the valid names. */
  public synchronized Entry<T, ?> get(String name) {
    Entry<T, ?> e = entries.get(name);
    if (e == null) {
      throw LeapseqException.of(
          "unknown %s '%s'; valid choices: %s", kind, name, entries.isEmpty() ? "(none)" : String.join(", ", names()));
    }
    return e;
  }

  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /** The config record type of {@code name}. */
  public Class<? extends Record> configType(String name) {
    return get(name).configType();
  }

  /** Builds {@code name} from {@code config}, which must be an instance of its config type. */
  public T create(String name, Record config) {
    Entry<T, ?> e = get(name);
    Require.that(
        e.configType().isInstance(config),
        "%s '%s' takes a %s, not a %s",
        kind,
        name,
        e.configType().getSimpleName(),
        config == null ? "null" : config.getClass().getSimpleName());
    return e.build(config);
  }

  /** Registered names in registration order. */
  public synchronized List<String> names() {
    return new ArrayList<>(entries.keySet());
  }
}
