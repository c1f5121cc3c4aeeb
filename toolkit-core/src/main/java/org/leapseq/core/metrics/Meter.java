// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

import java.util.Map;

/**
 * One fairseq meter: something updated during training whose {@link #smoothedValue()} is logged. {@link #state()}
 * is a plain map of numbers (JSON-able), as fairseq's {@code state_dict()}.
 */
public interface Meter {
  /** No rounding of the smoothed value (fairseq's {@code round=None}). */
  int NO_ROUND = -1;

  /** Clears what the meter has accumulated (what {@code reset_meters} does between log intervals). */
  void reset();

  /** The value to log, rounded as the meter was configured; null when nothing was ever logged. */
  Double smoothedValue();

  /** The meter's state as fairseq stores it (keys such as {@code val}, {@code sum}, {@code count}, {@code round}). */
  Map<String, Object> state();

  /** fairseq's class name of this meter ({@code AverageMeter}...), stored with the state. */
  String typeName();
}
