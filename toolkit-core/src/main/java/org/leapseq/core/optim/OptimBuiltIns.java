// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import org.leapseq.core.Registry;

/**
 * Registers this package's optimizers and schedules under fairseq's names, for the composition root
 * ({@code org.leapseq.models.BuiltIns}) to call on its registries.
 */
public final class OptimBuiltIns {
  private OptimBuiltIns() {}

  /** {@code adam}, {@code nag}, {@code sgd}. */
  public static void registerOptimizers(Registry<Optimizer.Factory> r) {
    r.register("adam", AdamConfig.class, Adam::factory);
    r.register("nag", NagConfig.class, Nag::factory);
    r.register("sgd", SgdConfig.class, Sgd::factory);
  }

  /** {@code fixed}, {@code inverse_sqrt}, {@code cosine}, {@code polynomial_decay}, {@code reduce_lr_on_plateau}. */
  public static void registerLrSchedulers(Registry<LrScheduler> r) {
    r.register("fixed", FixedLrConfig.class, FixedLrSchedule::new);
    r.register("inverse_sqrt", InverseSqrtConfig.class, InverseSqrtSchedule::new);
    r.register("cosine", CosineLrConfig.class, CosineLrSchedule::new);
    r.register("polynomial_decay", PolynomialDecayConfig.class, PolynomialDecaySchedule::new);
    r.register("reduce_lr_on_plateau", ReduceLrOnPlateauConfig.class, ReduceLrOnPlateauSchedule::new);
  }
}
