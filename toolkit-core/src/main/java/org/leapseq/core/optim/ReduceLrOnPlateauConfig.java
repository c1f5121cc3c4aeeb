// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import org.leapseq.core.Require;

/**
 * fairseq's {@code ReduceLROnPlateauLRScheduleConfig}: {@code --lr-shrink} (0.1), {@code --lr-threshold} (1e-4,
 * relative), {@code --lr-patience} (0), {@code --warmup-updates} (0), {@code --warmup-init-lr} (-1: 0 when warming
 * up, else the rate), {@code --lr} (one value, {@code [0.25]}) and {@code --maximize-best-checkpoint-metric} (off).
 */
public record ReduceLrOnPlateauConfig(
    double lrShrink,
    double lrThreshold,
    int lrPatience,
    int warmupUpdates,
    double warmupInitLr,
    List<Double> lr,
    boolean maximizeBestCheckpointMetric) {
  public ReduceLrOnPlateauConfig {
    Require.that(lrShrink >= 0 && lrShrink < 1, "--lr-shrink must be in [0, 1) for reduce_lr_on_plateau, got %s",
        lrShrink);
    Require.that(lrPatience >= 0, "--lr-patience must be >= 0, got %d", lrPatience);
    Require.that(warmupUpdates >= 0, "--warmup-updates must be >= 0, got %d", warmupUpdates);
    lr = LrList.single(lr, "reduce_lr_on_plateau");
  }

  /** fairseq's defaults. */
  public static ReduceLrOnPlateauConfig defaults() {
    return new ReduceLrOnPlateauConfig(0.1, 1e-4, 0, 0, -1, LrList.DEFAULT, false);
  }
}
