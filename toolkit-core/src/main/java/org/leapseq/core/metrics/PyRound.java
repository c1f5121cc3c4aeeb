// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/** Python's {@code round(x, n)} on floats, and the small state-map helpers the meters share. */
final class PyRound {
  private PyRound() {}

  /**
   * Python's {@code round(v, digits)}: correctly rounded from the exact binary value, ties to even; NaN and the
   * infinities pass through; {@code digits} {@link Meter#NO_ROUND} returns {@code v}.
   */
  static Double round(Double v, int digits) {
    if (v == null || digits == Meter.NO_ROUND || v.isNaN() || v.isInfinite()) {
      return v;
    }
    double r = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    return r == 0.0 && v < 0 ? -0.0 : r;
  }

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static double number(Map<String, ?> state, String key) {
    Object v = state.get(key);
    return v == null ? 0.0 : ((Number) v).doubleValue();
  }

  static Double nullableNumber(Map<String, ?> state, String key) {
    Object v = state.get(key);
    return v == null ? null : ((Number) v).doubleValue();
  }

  static int roundOf(Map<String, ?> state) {
    Object v = state.get("round");
    return v == null ? Meter.NO_ROUND : ((Number) v).intValue();
  }

  static Object roundState(int round) {
    return round == Meter.NO_ROUND ? null : round;
  }
}
