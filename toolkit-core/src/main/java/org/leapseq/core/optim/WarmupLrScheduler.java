// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.Map;

/**
 * A schedule with a per-epoch base rate scaled by a warmup factor ({@code fixed}, {@code polynomial_decay}): both
 * are part of the saved state, the base rate as fairseq's {@code lr} and the factor as {@code warmup_factor} (not in
 * fairseq's state; without it a resumed run restarts its epoch at {@code lr/W}).
 */
abstract class WarmupLrScheduler extends AbstractLrScheduler {
  private static final String LR = "lr";
  private static final String WARMUP_FACTOR = "warmup_factor";

  /** The epoch's rate before warmup scaling. */
  protected double baseLr;
  /** The current warmup factor; 1/W before the first update, 1 without warmup. */
  protected double warmupFactor;

  protected WarmupLrScheduler(double initialLr, double baseLr, int warmupUpdates) {
    super(initialLr);
    this.baseLr = baseLr;
    this.warmupFactor = warmupUpdates > 0 ? 1.0 / warmupUpdates : 1;
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> s = super.state();
    s.put(LR, baseLr);
    s.put(WARMUP_FACTOR, warmupFactor);
    return s;
  }

  @Override
  public void loadState(Map<String, ?> state) {
    super.loadState(state);
    Double base = optionalDouble(state, LR);
    Double factor = optionalDouble(state, WARMUP_FACTOR);
    if (base != null) {
      baseLr = base;
    }
    if (factor != null) {
      warmupFactor = factor;
    }
  }
}
