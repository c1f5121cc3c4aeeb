// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import org.leapseq.core.Require;

/**
 * fairseq's {@code cosine} (SGDR). Warmup is linear from {@code init} to the maximum: {@code init + n*step} for
 * {@code n < W}. Then with {@code c = n - W} and period P: cycle {@code i = floor(c/P)}, {@code t_i = P},
 * {@code t_curr = c - i*P} for {@code t_mult == 1}, otherwise {@code i = floor(log_tmult(1 - c/P*(1-t_mult)))},
 * {@code t_i = t_mult^i * P}, {@code t_curr = c - (1-t_mult^i)/(1-t_mult)*P}; and
 * {@code lr = min*s + 0.5*(max*s - min*s)*(1 + cos(pi*t_curr/t_i))} with {@code s = lr_shrink^i}. The rate is a
 * function of the update count; state is {@code best} only.
 */
public final class CosineLrSchedule extends AbstractLrScheduler {
  private final CosineLrConfig cfg;
  private final double maxLr;
  private final double warmupInitLr;
  private final double period;
  private final double lrStep;

  public CosineLrSchedule(CosineLrConfig cfg) {
    super(cfg.warmupInitLr() < 0 ? cfg.minLr() : cfg.warmupInitLr());
    this.cfg = cfg;
    this.maxLr = cfg.lr().get(0);
    this.warmupInitLr = lr;
    if (cfg.lrPeriodUpdates() > 0) {
      this.period = cfg.lrPeriodUpdates();
    } else {
      Require.that(cfg.maxUpdate() > 0, "cosine: either --max-update or --lr-period-updates must be set");
      this.period = cfg.maxUpdate() - cfg.warmupUpdates();
      Require.that(period > 0, "cosine: --max-update %d leaves no updates after %d warmup updates",
          cfg.maxUpdate(), cfg.warmupUpdates());
    }
    this.lrStep = cfg.warmupUpdates() > 0 ? (maxLr - warmupInitLr) / cfg.warmupUpdates() : 1;
  }

  @Override
  public double stepUpdate(long numUpdates) {
    if (numUpdates < cfg.warmupUpdates()) {
      lr = warmupInitLr + numUpdates * lrStep;
      return lr;
    }
    double curr = numUpdates - cfg.warmupUpdates();
    double tMult = cfg.tMult();
    double i;
    double tI;
    double tCurr;
    if (tMult != 1) {
      // Python's math.log(x, base) is log(x) / log(base)
      i = Math.floor(Math.log(1 - curr / period * (1 - tMult)) / Math.log(tMult));
      tI = Math.pow(tMult, i) * period;
      tCurr = curr - (1 - Math.pow(tMult, i)) / (1 - tMult) * period;
    } else {
      i = Math.floor(curr / period);
      tI = period;
      tCurr = curr - (period * i);
    }
    double shrink = Math.pow(cfg.lrShrink(), i);
    double min = cfg.minLr() * shrink;
    double max = maxLr * shrink;
    lr = min + 0.5 * (max - min) * (1 + Math.cos(Math.PI * tCurr / tI));
    return lr;
  }
}
