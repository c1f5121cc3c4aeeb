// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import org.leapseq.core.Require;

/**
 * fairseq's {@code PolynomialDecayLRScheduleConfig}: {@code --warmup-updates} (0), {@code --force-anneal}
 * (null), {@code --end-learning-rate} (0), {@code --zero-lr-warmup-steps} (0), {@code --power} (1),
 * {@code --total-num-update} (fairseq takes {@code --max-update}; the default here is the legacy 1000000) and
 * {@code --lr} ({@code [0.25]}).
 */
public record PolynomialDecayConfig(
    int warmupUpdates,
    Integer forceAnneal,
    double endLearningRate,
    int zeroLrWarmupSteps,
    double power,
    long totalNumUpdate,
    List<Double> lr) {
  public PolynomialDecayConfig {
    Require.that(warmupUpdates >= 0, "--warmup-updates must be >= 0, got %d", warmupUpdates);
    Require.that(zeroLrWarmupSteps >= 0, "--zero-lr-warmup-steps must be >= 0, got %d", zeroLrWarmupSteps);
    Require.that(totalNumUpdate > 0, "polynomial_decay needs --total-num-update > 0, got %d", totalNumUpdate);
    lr = LrList.of(lr);
  }

  /** fairseq's defaults. */
  public static PolynomialDecayConfig defaults() {
    return new PolynomialDecayConfig(0, null, 0.0, 0, 1.0, 1_000_000L, LrList.DEFAULT);
  }
}
