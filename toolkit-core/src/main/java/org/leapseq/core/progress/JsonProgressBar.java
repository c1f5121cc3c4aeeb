// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * fairseq's {@code JsonProgressBar}: one {@code json.dumps} record per line, stats as formatted strings
 * ({@code {"epoch": 1, "update": 0.041, "loss": "9.853", ...}}); end-of-epoch keys carry the tag
 * ({@code "train_loss"}, {@code "valid_ppl"}).
 */
public final class JsonProgressBar extends ProgressBar {
  public JsonProgressBar(ProgressSpec spec, StatSink sink) {
    super(spec, sink);
  }

  @Override
  public void log(Map<String, Double> stats, String tag, long step) {
    long s = stepOrIndex(step);
    int interval = spec().logInterval();
    if (s > 0 && interval > 0 && s % interval == 0) {
      String update = null;
      if (spec().epoch() > 0) {
        double u = spec().epoch() - 1 + (index() + 1) / (double) spec().size();
        update = StatFormat.repr(new BigDecimal(u).setScale(3, RoundingMode.HALF_EVEN)
            .doubleValue());
      }
      emit(tag, record(stats, update));
    }
  }

  @Override
  public void print(Map<String, Double> stats, String tag, long step) {
    Map<String, Double> tagged = stats;
    if (tag != null) {
      tagged = new LinkedHashMap<>();
      for (Map.Entry<String, Double> e : stats.entrySet()) {
        tagged.put(tag + "_" + e.getKey(), e.getValue());
      }
    }
    emit(tag, record(tagged, null));
  }

  private String record(Map<String, Double> stats, String update) {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    if (spec().epoch() > 0) {
      j.add("\"epoch\": " + spec().epoch());
    }
    if (update != null) {
      j.add("\"update\": " + update);
    }
    formatStats(stats).forEach((k, v) -> j.add(quote(k) + ": " + quote(v)));
    return j.toString();
  }

  /** A JSON string as Python's {@code json.dumps} writes it (ASCII only). */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7f) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
