// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leapseq.core.Configs;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Registry;
import org.leapseq.core.tensor.Tensor;

class OptimBuiltInsTest {
  @Test
  void registersFairseqNamesWithTheirConfigs() {
    Registry<Optimizer.Factory> optimizers = new Registry<>("optimizer");
    Registry<LrScheduler> schedulers = new Registry<>("lr-scheduler");
    OptimBuiltIns.registerOptimizers(optimizers);
    OptimBuiltIns.registerLrSchedulers(schedulers);
    assertEquals(List.of("adam", "nag", "sgd"), optimizers.names());
    assertEquals(List.of("fixed", "inverse_sqrt", "cosine", "polynomial_decay", "reduce_lr_on_plateau"),
        schedulers.names());
    List<Tensor> params = List.of(Params.of(1.0));
    assertInstanceOf(Adam.class, optimizers.create("adam", AdamConfig.defaults()).create(params));
    assertInstanceOf(Nag.class, optimizers.create("nag", NagConfig.defaults()).create(params));
    assertInstanceOf(Sgd.class, optimizers.create("sgd", SgdConfig.defaults()).create(params));
    assertInstanceOf(CosineLrSchedule.class,
        schedulers.create("cosine", Configs.withOverrides(CosineLrConfig.defaults(), Map.of("--max-update", 10))));
    assertEquals(0.25, schedulers.create("fixed", FixedLrConfig.defaults()).lr(), 0.0);
  }

  /** The flag names map onto the records' fields as fairseq spells them. */
  @Test
  void configsTakeFairseqFlags() {
    AdamConfig adam = Configs.withOverrides(AdamConfig.defaults(),
        Map.of("--adam-betas", "(0.9, 0.98)", "--adam-eps", 1e-9, "--weight-decay", 1e-4));
    assertEquals(new AdamConfig.Betas(0.9, 0.98), adam.betas());
    assertEquals(1e-9, adam.adamEps(), 0.0);
    CosineLrConfig cos = Configs.withOverrides(CosineLrConfig.defaults(),
        Map.of("--lr", List.of(1.0), "--t-mult", 2, "--lr-period-updates", 270000, "--min-lr", 1e-4));
    assertEquals(2.0, cos.tMult(), 0.0);
    assertEquals(270000, cos.lrPeriodUpdates(), 0.0);
    assertThrows(LeapseqException.class,
        () -> Configs.withOverrides(AdamConfig.defaults(), Map.of("--adam-betas", "0.9")));
  }
}
