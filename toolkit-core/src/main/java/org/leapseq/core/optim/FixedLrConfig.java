// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import org.leapseq.core.Require;

/**
 * fairseq's {@code FixedLRScheduleConfig}: {@code --force-anneal} (null: never), {@code --lr-shrink} (0.1),
 * {@code --warmup-updates} (0) and the per-epoch {@code --lr} list ({@code [0.25]}).
 */
public record FixedLrConfig(Integer forceAnneal, double lrShrink, int warmupUpdates, List<Double> lr) {
  public FixedLrConfig {
    Require.that(lrShrink >= 0, "--lr-shrink must be >= 0, got %s", lrShrink);
    Require.that(warmupUpdates >= 0, "--warmup-updates must be >= 0, got %d", warmupUpdates);
    lr = LrList.of(lr);
  }

  /** fairseq's defaults. */
  public static FixedLrConfig defaults() {
    return new FixedLrConfig(null, 0.1, 0, LrList.DEFAULT);
  }
}
