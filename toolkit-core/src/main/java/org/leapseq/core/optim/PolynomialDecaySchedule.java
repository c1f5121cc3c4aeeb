// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;

/**
 * fairseq's {@code polynomial_decay}. With Z zero-rate steps, W warmup updates and T total updates:
 * {@code 0} for {@code n <= Z}; {@code (n-Z)/W * lr} for {@code n <= W}; {@code end} for {@code n >= T};
 * otherwise {@code (lr-end) * (1 - (n-W-Z)/(T-W-Z))^power + end}. At the beginning of epoch e the base rate becomes
 * {@code lr[min(e, len-1)]} (fairseq indexes from e here, unlike {@code fixed}) or, from {@code --force-anneal} on,
 * the current rate, and the rate is set to the base rate times the last warmup factor until the next update. State:
 * {@code best}, plus the base rate {@code lr} and {@code warmup_factor} (not in fairseq's state).
 */
public final class PolynomialDecaySchedule extends WarmupLrScheduler {
  private final PolynomialDecayConfig cfg;

  public PolynomialDecaySchedule(PolynomialDecayConfig cfg) {
    super(cfg.lr().get(0) * (cfg.warmupUpdates() > 0 ? 1.0 / cfg.warmupUpdates() : 1), cfg.lr().get(0),
        cfg.warmupUpdates());
    this.cfg = cfg;
  }

  @Override
  public double stepBeginEpoch(int epoch) {
    List<Double> lrs = cfg.lr();
    if (cfg.forceAnneal() == null || epoch < cfg.forceAnneal()) {
      baseLr = lrs.get(Math.min(epoch, lrs.size() - 1));
    } else {
      baseLr = lr;
    }
    lr = warmupFactor * baseLr;
    return lr;
  }

  @Override
  public double stepUpdate(long numUpdates) {
    int z = cfg.zeroLrWarmupSteps();
    int w = cfg.warmupUpdates();
    if (z > 0 && numUpdates <= z) {
      lr = 0;
    } else if (w > 0 && numUpdates <= w) {
      warmupFactor = (numUpdates - z) / (double) w;
      lr = warmupFactor * baseLr;
    } else if (numUpdates >= cfg.totalNumUpdate()) {
      lr = cfg.endLearningRate();
    } else {
      long warmup = (long) w + z;
      double range = baseLr - cfg.endLearningRate();
      double pctRemaining = 1 - (numUpdates - warmup) / (double) (cfg.totalNumUpdate() - warmup);
      lr = range * Math.pow(pctRemaining, cfg.power()) + cfg.endLearningRate();
    }
    return lr;
  }
}
