// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

/**
 * fairseq's {@code inverse_sqrt}: with peak rate {@code lr}, W warmup updates and initial rate {@code init},
 * {@code lr(n) = init + n*(lr-init)/W} for {@code n < W}, then {@code lr*W^0.5 * n^-0.5}. The rate is a function
 * of the update count; state is {@code best} only.
 */
public final class InverseSqrtSchedule extends AbstractLrScheduler {
  private final int warmupUpdates;
  private final double warmupInitLr;
  private final double lrStep;
  private final double decayFactor;

  public InverseSqrtSchedule(InverseSqrtConfig cfg) {
    super(initLr(cfg));
    double end = cfg.lr().get(0);
    this.warmupUpdates = cfg.warmupUpdates();
    this.warmupInitLr = initLr(cfg);
    this.lrStep = (end - warmupInitLr) / warmupUpdates;
    this.decayFactor = end * Math.pow(warmupUpdates, 0.5);
  }

  private static double initLr(InverseSqrtConfig cfg) {
    if (cfg.warmupInitLr() >= 0) {
      return cfg.warmupInitLr();
    }
    return cfg.warmupUpdates() > 0 ? 0 : cfg.lr().get(0);
  }

  @Override
  public double stepUpdate(long numUpdates) {
    if (numUpdates < warmupUpdates) {
      lr = warmupInitLr + numUpdates * lrStep;
    } else {
      lr = decayFactor * Math.pow(numUpdates, -0.5);
    }
    return lr;
  }
}
