// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.leapseq.core.Require;

/**
 * fairseq's {@code metrics} module as an object: named aggregators ({@link MeterGroup}s) and the set of active
 * ones that every {@code log*} call writes to. {@code default} is always active; the trainer opens
 * {@code train} for an epoch and {@code train_inner} for each step, resetting {@code train_inner} after each
 * log line and {@code train} after each epoch; validation opens a temporary new root so it touches nothing else.
 */
public final class Metrics {
  /** The aggregator that sees every value. */
  public static final String DEFAULT = "default";

  /** An open aggregation; closing it deactivates the aggregator (and restores the roots of a new root). */
  public interface Scope extends AutoCloseable {
    /** The aggregator this scope writes to. */
    MeterGroup meters();

    @Override
    void close();
  }

  private final MonotonicClock clock;
  private final Map<String, MeterGroup> aggregators = new LinkedHashMap<>();
  private LinkedHashMap<String, MeterGroup> active = new LinkedHashMap<>();
  private Map<String, Integer> activeCount = new HashMap<>();
  private long temporaries;

  public Metrics(MonotonicClock clock) {
    this.clock = clock;
    reset();
  }

  /** Metrics on the system clock. */
  public Metrics() {
    this(MonotonicClock.SYSTEM);
  }

  public MonotonicClock clock() {
    return clock;
  }

  /** Drops every aggregator and starts with an empty, active {@code default} (fairseq's {@code metrics.reset()}). */
  public void reset() {
    aggregators.clear();
    active = new LinkedHashMap<>();
    activeCount = new HashMap<>();
    MeterGroup d = new MeterGroup();
    aggregators.put(DEFAULT, d);
    active.put(DEFAULT, d);
    activeCount.put(DEFAULT, 1);
  }

  /** Activates the named aggregator (created on first use, kept afterwards) until the scope closes. */
  public Scope aggregate(String name) {
    Require.that(!DEFAULT.equals(name), "the default aggregator is always active");
    return open(name, aggregators.computeIfAbsent(name, n -> new MeterGroup()), false);
  }

  /** A temporary aggregator, active with the others until the scope closes. */
  public Scope aggregate() {
    return open(temporaryName(), new MeterGroup(), false);
  }

  /** A temporary aggregator that is the only active one until the scope closes (fairseq's validation). */
  public Scope aggregateNewRoot() {
    return open(temporaryName(), new MeterGroup(), true);
  }

  private String temporaryName() {
    return "_tmp" + temporaries++;
  }

  private Scope open(String name, MeterGroup group, boolean newRoot) {
    LinkedHashMap<String, MeterGroup> savedActive = newRoot ? active : null;
    Map<String, Integer> savedCount = newRoot ? activeCount : null;
    if (newRoot) {
      active = new LinkedHashMap<>();
      activeCount = new HashMap<>();
    }
    active.put(name, group);
    activeCount.merge(name, 1, Integer::sum);
    return new Scope() {
      private boolean closed;

      @Override
      public MeterGroup meters() {
        return group;
      }

      @Override
      public void close() {
        if (closed) {
          return;
        }
        closed = true;
        int left = activeCount.merge(name, -1, Integer::sum);
        if (left == 0) {
          active.remove(name);
        }
        if (newRoot) {
          active = savedActive;
          activeCount = savedCount;
        }
      }
    };
  }

  private void forActive(Consumer<MeterGroup> f) {
    for (MeterGroup g : new ArrayList<>(active.values())) {
      f.accept(g);
    }
  }

  /** {@code log_scalar(key, value)}: weight 1, priority 10, no rounding. */
  public void logScalar(String key, double value) {
    logScalar(key, value, 1, 10, Meter.NO_ROUND);
  }

  /** {@code log_scalar}: a weighted average; the first call for a key fixes its priority and rounding. */
  public void logScalar(String key, double value, double weight, int priority, int round) {
    forActive(g -> {
      if (!g.contains(key)) {
        g.add(key, new AverageMeter(round), priority);
      }
      g.average(key).update(value, weight);
    });
  }

  /** {@code log_scalar_sum}: a plain sum. */
  public void logScalarSum(String key, double value, int priority, int round) {
    forActive(g -> {
      if (!g.contains(key)) {
        g.add(key, new SumMeter(round), priority);
      }
      ((SumMeter) g.get(key)).update(value);
    });
  }

  /** {@code log_derived}: a value computed from the group when read (added once per aggregator). */
  public void logDerived(String key, MeterGroup.Derived fn, int priority) {
    forActive(g -> {
      if (!g.contains(key)) {
        g.addDerived(key, fn, priority);
      }
    });
  }

  /**
   * {@code log_speed}: a rate per second. As in fairseq the first call for a key only creates and starts the
   * meter; its value is not counted.
   */
  public void logSpeed(String key, double value, int priority, int round) {
    forActive(g -> {
      if (!g.contains(key)) {
        TimeMeter m = new TimeMeter(round, clock);
        g.add(key, m, priority);
        m.reset();
      } else {
        ((TimeMeter) g.get(key)).update(value);
      }
    });
  }

  /** {@code log_start_time}: starts (creating if needed) a stopwatch in every active aggregator. */
  public void logStartTime(String key, int priority, int round) {
    forActive(g -> {
      if (!g.contains(key)) {
        g.add(key, new StopwatchMeter(round, clock), priority);
      }
      ((StopwatchMeter) g.get(key)).start();
    });
  }

  /** {@code log_stop_time}: stops the stopwatch where it exists, counting {@code weight} events (fairseq: 0). */
  public void logStopTime(String key, double weight) {
    forActive(g -> {
      if (g.get(key) instanceof StopwatchMeter s) {
        s.stop(weight);
      }
    });
  }

  /**
   * fairseq_cli.train's {@code get_training_stats}: the smoothed values of {@code name} followed by {@code wall},
   * the seconds since the {@code default} aggregator's {@code wall} stopwatch started, rounded to units (absent
   * when no such stopwatch was started).
   */
  public LinkedHashMap<String, Double> trainingStats(String name) {
    LinkedHashMap<String, Double> stats = smoothedValues(name);
    if (meter(DEFAULT, "wall") instanceof StopwatchMeter wall) {
      stats.put("wall", PyRound.round(wall.elapsedTime(), 0));
    }
    return stats;
  }

  /** The named aggregator, or null if it was never opened. */
  public MeterGroup meters(String name) {
    return aggregators.get(name);
  }

  /** One meter of a named aggregator, or null. */
  public Meter meter(String name, String key) {
    MeterGroup g = aggregators.get(name);
    return g == null ? null : g.get(key);
  }

  /** Resets every meter of the named aggregator, if it exists. */
  public void resetMeters(String name) {
    MeterGroup g = aggregators.get(name);
    if (g != null) {
      g.reset();
    }
  }

  /** The smoothed values of a named aggregator, in report order. */
  public LinkedHashMap<String, Double> smoothedValues(String name) {
    MeterGroup g = aggregators.get(name);
    Require.that(g != null, "no aggregator '%s'", name);
    return g.smoothedValues();
  }

  /** Every named aggregator's state, as fairseq's {@code metrics.state_dict()}: plain maps, lists and numbers. */
  public Map<String, List<Map<String, Object>>> state() {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    aggregators.forEach((name, g) -> out.put(name, g.state()));
    return out;
  }

  /**
   * Replaces the named aggregators present in {@code state} (fairseq's {@code load_state_dict}); an active
   * aggregator is replaced in the active set too. Stopwatches come back stopped and rates restart their clocks.
   */
  public void load(Map<String, ? extends List<? extends Map<String, ?>>> state) {
    state.forEach((name, groupState) -> {
      MeterGroup g = MeterGroup.fromState(groupState, clock);
      aggregators.put(name, g);
      if (active.containsKey(name)) {
        active.put(name, g);
      }
    });
  }
}
