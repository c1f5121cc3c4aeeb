// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import org.leapseq.core.Require;

/**
 * fairseq's {@code CosineLRScheduleConfig}: {@code --warmup-updates} (0), {@code --warmup-init-lr} (-1: min_lr),
 * {@code --lr} (one value, the maximum; {@code [0.25]}), {@code --min-lr} (0), {@code --t-mult} (1),
 * {@code --lr-period-updates} (-1: {@code max_update - warmup_updates}), {@code --lr-shrink} (0.1) and
 * {@code --max-update} (0, only used for the default period).
 */
public record CosineLrConfig(
    int warmupUpdates,
    double warmupInitLr,
    List<Double> lr,
    double minLr,
    double tMult,
    double lrPeriodUpdates,
    double lrShrink,
    long maxUpdate) {
  public CosineLrConfig {
    Require.that(warmupUpdates >= 0, "--warmup-updates must be >= 0, got %d", warmupUpdates);
    lr = LrList.single(lr, "cosine");
    Require.that(lr.get(0) > minLr, "max_lr (=%s) must be more than min_lr (=%s)", lr, minLr);
    Require.that(tMult > 0, "--t-mult must be > 0, got %s", tMult);
    Require.that(lrShrink >= 0, "--lr-shrink must be >= 0, got %s", lrShrink);
  }

  /** fairseq's defaults (a period still has to come from {@code --lr-period-updates} or {@code --max-update}). */
  public static CosineLrConfig defaults() {
    return new CosineLrConfig(0, -1, LrList.DEFAULT, 0.0, 1.0, -1, 0.1, 0);
  }
}
