// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;

/**
 * fairseq's {@code fixed} schedule. At the beginning of epoch e (from 1) the base rate becomes
 * {@code lr[min(e-1, len-1)]}, or once {@code e >= --force-anneal}, {@code lr[-1] * lr_shrink^(e+1-force_anneal)};
 * the rate is the base rate times the warmup factor, which {@code stepUpdate(n)} sets to {@code (n+1)/W} while
 * {@code n < W} (and leaves alone afterwards, so it ends at 1). State: {@code best}, the base rate {@code lr}
 * (fairseq's own state) and {@code warmup_factor} (not in fairseq's state; without it a resumed run starts its first
 * epoch at {@code lr/W}, as fairseq does).
 */
public final class FixedLrSchedule extends WarmupLrScheduler {
  private final FixedLrConfig cfg;

  public FixedLrSchedule(FixedLrConfig cfg) {
    super(cfg.lr().get(0), cfg.lr().get(0), cfg.warmupUpdates());
    this.cfg = cfg;
  }

  /** The base rate of {@code epoch} before warmup scaling (fairseq's {@code get_next_lr}). */
  double nextLr(int epoch) {
    List<Double> lrs = cfg.lr();
    if (cfg.forceAnneal() == null || epoch < cfg.forceAnneal()) {
      int i = Math.min(epoch - 1, lrs.size() - 1);
      return lrs.get(i < 0 ? lrs.size() + i : i); // Python indexing: epoch 0 reads lr[-1]
    }
    return lrs.get(lrs.size() - 1) * Math.pow(cfg.lrShrink(), epoch + 1 - cfg.forceAnneal());
  }

  @Override
  public double stepBeginEpoch(int epoch) {
    baseLr = nextLr(epoch);
    lr = warmupFactor * baseLr;
    return lr;
  }

  @Override
  public double stepUpdate(long numUpdates) {
    int w = cfg.warmupUpdates();
    if (w > 0 && numUpdates < w) {
      warmupFactor = (numUpdates + 1) / (double) w;
      lr = warmupFactor * baseLr;
    } else {
      lr = baseLr;
    }
    return lr;
  }
}
