// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import org.leapseq.core.Require;

/**
 * fairseq's {@code InverseSquareRootLRScheduleConfig}: {@code --warmup-updates} (4000), {@code --warmup-init-lr}
 * (-1: 0 when warming up, else the rate) and {@code --lr} (one value, {@code [0.25]}).
 */
public record InverseSqrtConfig(int warmupUpdates, double warmupInitLr, List<Double> lr) {
  public InverseSqrtConfig {
    Require.that(warmupUpdates > 0, "inverse_sqrt needs --warmup-updates > 0 (fairseq divides by it), got %d",
        warmupUpdates);
    lr = LrList.single(lr, "inverse_sqrt");
  }

  /** fairseq's defaults. */
  public static InverseSqrtConfig defaults() {
    return new InverseSqrtConfig(4000, -1, LrList.DEFAULT);
  }
}
