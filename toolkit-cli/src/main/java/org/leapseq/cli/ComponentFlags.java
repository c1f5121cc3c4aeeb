// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.leapseq.core.Configs;
import org.leapseq.core.LeapseqException;

/**
 * The flags of the selected components (model, optimizer, lr scheduler, criterion) as fairseq takes them: each
 * component adds its own options, named after its config record's fields ({@code --adam-betas} for
 * {@code adamBetas}). Boolean fields are switches ({@code store_true}); every other flag takes one value; lists
 * are comma separated. A flag no selected component knows is an error, as argparse reports it.
 */
final class ComponentFlags {
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> used = new LinkedHashSet<>();

  private ComponentFlags() {}

  /** Parses {@code tokens} given the switches (boolean flags, without dashes, snake_case) of all components. */
  static ComponentFlags parse(List<String> tokens, Set<String> switches) {
    ComponentFlags f = new ComponentFlags();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (!t.startsWith("--")) {
        throw new LeapseqException("unrecognized arguments: " + t);
      }
      String name = t.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (switches.contains(Configs.fieldName(name))) {
        value = "true";
      } else {
        if (i + 1 >= tokens.size()) {
          throw new LeapseqException("argument --" + name + ": expected one argument");
        }
        value = tokens.get(++i);
      }
      f.values.put(Configs.fieldName(name), value);
    }
    return f;
  }

  /** The boolean fields (switches) of the given record types. */
  static Set<String> switches(List<Class<? extends Record>> types) {
    Set<String> s = new LinkedHashSet<>();
    for (Class<? extends Record> t : types) {
      for (RecordComponent c : t.getRecordComponents()) {
        if (c.getType() == boolean.class || c.getType() == Boolean.class) {
          s.add(snake(c.getName()));
        }
      }
    }
    return s;
  }

  /** The component's defaults ({@code defaults()} or the no-argument constructor) with its flags applied. */
  <C extends Record> C apply(Class<C> type, C defaults) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      String field = snake(c.getName());
      if (values.containsKey(field)) {
        overrides.put(field, convert(field, values.get(field), c.getGenericType()));
        used.add(field);
      }
    }
    return Configs.withOverrides(defaults, overrides);
  }

  /** The defaults of a config record: its static {@code defaults()} or its no-argument constructor. */
  static <C extends Record> C defaults(Class<C> type) {
    try {
      Method m = type.getMethod("defaults");
      return type.cast(m.invoke(null));
    } catch (NoSuchMethodException e) {
      try {
        return type.getConstructor().newInstance();
      } catch (ReflectiveOperationException e2) {
        throw new IllegalStateException(type + " has neither defaults() nor a no-argument constructor", e2);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type + ".defaults() failed", e);
    }
  }

  /** The raw value of a flag (marking it used), or null. */
  String take(String field) {
    if (values.containsKey(field)) {
      used.add(field);
    }
    return values.get(field);
  }

  /** Every flag given, snake_case name to raw value. */
  Map<String, String> all() {
    return values;
  }

  /** Marks flags as consumed by a component that reads the raw map. */
  void markUsed(Set<String> fields) {
    used.addAll(fields);
  }

  /** Fails naming the flags no component took. */
  void checkAllUsed() {
    List<String> unused = new ArrayList<>();
    for (String k : values.keySet()) {
      if (!used.contains(k)) {
        unused.add("--" + k.replace('_', '-'));
      }
    }
    if (!unused.isEmpty()) {
      throw new LeapseqException("unrecognized arguments: " + String.join(" ", unused)
          + " (no selected model, criterion, optimizer or lr scheduler takes them)");
    }
  }

  static String snake(String camel) {
    StringBuilder b = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        b.append('_').append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  private static Object convert(String field, String raw, Type type) {
    String flag = "--" + field.replace('_', '-');
    try {
      if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
        Type elem = p.getActualTypeArguments()[0];
        List<Object> out = new ArrayList<>();
        String s = raw.strip();
        if (s.startsWith("[") && s.endsWith("]") || s.startsWith("(") && s.endsWith(")")) {
          s = s.substring(1, s.length() - 1);
        }
        for (String part : s.split(",")) {
          if (!part.isBlank()) {
            out.add(convert(field, part.strip(), elem));
          }
        }
        return out;
      }
      Class<?> c = (Class<?>) type;
      if (c == int.class || c == Integer.class) {
        return Integer.parseInt(raw);
      } else if (c == long.class || c == Long.class) {
        return Long.parseLong(raw);
      } else if (c == double.class || c == Double.class) {
        return Double.parseDouble(raw);
      } else if (c == boolean.class || c == Boolean.class) {
        return parseBoolean(flag, raw);
      } else if (c.isEnum()) {
        for (Object e : c.getEnumConstants()) {
          if (((Enum<?>) e).name().equalsIgnoreCase(raw.replace('-', '_'))) {
            return ((Enum<?>) e).name();
          }
        }
        throw new LeapseqException("argument " + flag + ": invalid choice '" + raw + "'");
      }
      return raw;
    } catch (NumberFormatException e) {
      throw new LeapseqException("argument " + flag + ": invalid value '" + raw + "' (expected a number)");
    }
  }

  private static boolean parseBoolean(String flag, String raw) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new LeapseqException("argument " + flag + ": invalid boolean '" + raw + "'");
    };
  }
}
