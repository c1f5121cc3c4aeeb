// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import org.leapseq.core.Require;

/** Checks on fairseq's {@code --lr} list shared by the schedule configs. */
final class LrList {
  /** fairseq's {@code optimization.lr} default. */
  static final List<Double> DEFAULT = List.of(0.25);

  private LrList() {}

  /** A non-empty copy of {@code lr}. */
  static List<Double> of(List<Double> lr) {
    Require.that(lr != null && !lr.isEmpty(), "--lr must have at least one value");
    for (Double v : lr) {
      Require.that(v != null && v >= 0, "--lr values must be >= 0, got %s", lr);
    }
    return List.copyOf(lr);
  }

  /** A copy of {@code lr}, which must have one value for {@code scheduler}, as fairseq requires. */
  static List<Double> single(List<Double> lr, String scheduler) {
    List<Double> out = of(lr);
    Require.that(out.size() == 1, "Cannot use a fixed learning rate schedule with %s. Consider "
        + "--lr-scheduler=fixed instead. (%s)", scheduler, out);
    return out;
  }
}
