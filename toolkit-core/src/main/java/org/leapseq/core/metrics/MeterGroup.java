// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;

/**
 * fairseq's {@code MetersDict}: meters by key, kept in order of (priority, order of first addition), plus derived
 * meters computed from the others when read. Keys starting with {@code _} are kept but not reported.
 */
public final class MeterGroup {
  /** A value computed from the group when read ({@code ppl} from {@code nll_loss}); never stored in a state. */
  @FunctionalInterface
  public interface Derived {
    Double apply(MeterGroup meters);
  }

  private record Slot(int priority, long order, String key, Meter meter, Derived derived) {}

  private final Map<String, Slot> slots = new HashMap<>();
  private final List<Slot> ordered = new ArrayList<>();
  private long added;

  /** Adds {@code meter} under {@code key}; a key is never reassigned. */
  public void add(String key, Meter meter, int priority) {
    put(new Slot(priority, added++, key, meter, null));
  }

  /** Adds a derived value under {@code key}. */
  public void addDerived(String key, Derived fn, int priority) {
    put(new Slot(priority, added++, key, null, fn));
  }

  private void put(Slot s) {
    Require.that(!slots.containsKey(s.key()), "meter '%s' is already in the group", s.key());
    slots.put(s.key(), s);
    int i = 0;
    while (i < ordered.size() && compare(ordered.get(i), s) <= 0) {
      i++;
    }
    ordered.add(i, s);
  }

  private static int compare(Slot a, Slot b) {
    int c = Integer.compare(a.priority(), b.priority());
    return c != 0 ? c : Long.compare(a.order(), b.order());
  }

  public boolean contains(String key) {
    return slots.containsKey(key);
  }

  /** The meter under {@code key}; null when absent or derived. */
  public Meter get(String key) {
    Slot s = slots.get(key);
    return s == null ? null : s.meter();
  }

  /** The {@link AverageMeter} under {@code key} (what derived values read: {@code meters["nll_loss"].avg}). */
  public AverageMeter average(String key) {
    Meter m = get(key);
    if (!(m instanceof AverageMeter a)) {
      throw LeapseqException.of("no averaged meter '%s' in the group", key);
    }
    return a;
  }

  /** Keys in report order (priority, then first addition). */
  public List<String> keys() {
    return ordered.stream().map(Slot::key).toList();
  }

  /** The smoothed (rounded) value of one key; a derived value is computed now. */
  public Double smoothedValue(String key) {
    Slot s = slots.get(key);
    if (s == null) {
      throw LeapseqException.of("no meter '%s' in the group", key);
    }
    return s.derived() != null ? s.derived().apply(this) : s.meter().smoothedValue();
  }

  /** Every key not starting with {@code _} with its smoothed value, in report order. */
  public LinkedHashMap<String, Double> smoothedValues() {
    LinkedHashMap<String, Double> out = new LinkedHashMap<>();
    for (Slot s : ordered) {
      if (!s.key().startsWith("_")) {
        out.put(s.key(), smoothedValue(s.key()));
      }
    }
    return out;
  }

  /** Resets every stored meter; derived values need nothing. */
  public void reset() {
    for (Slot s : ordered) {
      if (s.meter() != null) {
        s.meter().reset();
      }
    }
  }

  /**
   * fairseq's {@code state_dict()}: one map per stored meter in report order with {@code priority}, {@code key},
   * {@code type} and {@code state}; derived values are left out, as fairseq cannot serialise them either.
   */
  public List<Map<String, Object>> state() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Slot s : ordered) {
      if (s.meter() != null) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("priority", s.priority());
        e.put("key", s.key());
        e.put("type", s.meter().typeName());
        e.put("state", s.meter().state());
        out.add(e);
      }
    }
    return out;
  }

  /** A group restored from {@link #state()} (also after a JSON round trip, where numbers may change type). */
  @SuppressWarnings("unchecked")
  public static MeterGroup fromState(List<? extends Map<String, ?>> state, MonotonicClock clock) {
    MeterGroup g = new MeterGroup();
    for (Map<String, ?> e : state) {
      Map<String, ?> s = (Map<String, ?>) e.get("state");
      String type = (String) e.get("type");
      Meter m = switch (type) {
        case "AverageMeter" -> AverageMeter.fromState(s);
        case "SumMeter" -> SumMeter.fromState(s);
        case "TimeMeter" -> TimeMeter.fromState(s, clock);
        case "StopwatchMeter" -> StopwatchMeter.fromState(s, clock);
        default -> throw LeapseqException.of("unknown meter type '%s' in a metrics state", type);
      };
      g.add((String) e.get("key"), m, ((Number) e.get("priority")).intValue());
    }
    return g;
  }
}
