// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fairseq's {@code reduce_lr_on_plateau}: optional linear warmup {@code init + n*(lr-init)/W} for {@code n <= W},
 * then PyTorch's {@code ReduceLROnPlateau} (relative threshold, no cooldown, min rate 0) on the validation loss:
 * a loss is better when below {@code best*(1-threshold)} (maximizing: above {@code best*(1+threshold)}); after more
 * than {@code --lr-patience} epochs without a better one the rate is multiplied by {@code --lr-shrink} (unless that
 * changes it by 1e-8 or less) and the count restarts. Epoch ends during warmup or without a loss only record the
 * epoch. State: {@code best} (null until the first loss), {@code last_epoch}, {@code num_bad_epochs} (fairseq's
 * state) and the current rate {@code lr} (which fairseq keeps in the optimizer's state instead).
 */
public final class ReduceLrOnPlateauSchedule extends AbstractLrScheduler {
  private static final double EPS = 1e-8;
  private static final String LAST_EPOCH = "last_epoch";
  private static final String NUM_BAD_EPOCHS = "num_bad_epochs";
  private static final String LR = "lr";

  private final ReduceLrOnPlateauConfig cfg;
  private final double warmupInitLr;
  private final double lrStep;
  private final double worse;
  private boolean warmupEnd;
  private double plateauBest;
  private long lastEpoch;
  private long numBadEpochs;

  public ReduceLrOnPlateauSchedule(ReduceLrOnPlateauConfig cfg) {
    super(cfg.lr().get(0));
    this.cfg = cfg;
    double end = cfg.lr().get(0);
    if (cfg.warmupInitLr() >= 0) {
      this.warmupInitLr = cfg.warmupInitLr();
    } else {
      this.warmupInitLr = cfg.warmupUpdates() > 0 ? 0 : end;
    }
    this.lrStep = cfg.warmupUpdates() > 0 ? (end - warmupInitLr) / cfg.warmupUpdates() : 0;
    this.warmupEnd = cfg.warmupUpdates() <= 0;
    this.lr = warmupEnd ? end : warmupInitLr;
    this.worse = cfg.maximizeBestCheckpointMetric() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    this.plateauBest = worse;
  }

  @Override
  public double stepUpdate(long numUpdates) {
    if (cfg.warmupUpdates() > 0) {
      if (numUpdates <= cfg.warmupUpdates()) {
        lr = warmupInitLr + numUpdates * lrStep;
      } else {
        warmupEnd = true;
      }
    }
    return lr;
  }

  @Override
  public double stepEpoch(int epoch, Double valLoss) {
    if (valLoss != null && warmupEnd) {
      plateauStep(valLoss);
    } else {
      lastEpoch = epoch;
    }
    return lr;
  }

  /** PyTorch's {@code ReduceLROnPlateau.step(metrics)} with fairseq's settings. */
  private void plateauStep(double current) {
    lastEpoch++;
    if (isBetter(current)) {
      plateauBest = current;
      numBadEpochs = 0;
    } else {
      numBadEpochs++;
    }
    if (numBadEpochs > cfg.lrPatience()) {
      double reduced = Math.max(lr * cfg.lrShrink(), 0.0);
      if (lr - reduced > EPS) {
        lr = reduced;
      }
      numBadEpochs = 0;
    }
  }

  private boolean isBetter(double a) {
    if (cfg.maximizeBestCheckpointMetric()) {
      return a > plateauBest * (cfg.lrThreshold() + 1);
    }
    return a < plateauBest * (1 - cfg.lrThreshold());
  }

  @Override
  public Double best() {
    return plateauBest == worse ? null : plateauBest;
  }

  /** Epochs without improvement since the last improvement or reduction. */
  public long numBadEpochs() {
    return numBadEpochs;
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put(BEST, best());
    s.put(LAST_EPOCH, lastEpoch);
    s.put(NUM_BAD_EPOCHS, numBadEpochs);
    s.put(LR, lr);
    return s;
  }

  @Override
  public void loadState(Map<String, ?> state) {
    Double b = optionalDouble(state, BEST);
    plateauBest = b == null ? worse : b;
    Double epoch = optionalDouble(state, LAST_EPOCH);
    Double bad = optionalDouble(state, NUM_BAD_EPOCHS);
    Double rate = optionalDouble(state, LR);
    if (epoch != null) {
      lastEpoch = epoch.longValue();
    }
    if (bad != null) {
      numBadEpochs = bad.longValue();
    }
    if (rate != null) {
      lr = rate;
    }
  }
}
