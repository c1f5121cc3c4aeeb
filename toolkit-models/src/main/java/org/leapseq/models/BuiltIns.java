// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models;

import org.leapseq.core.optim.OptimBuiltIns;
import org.leapseq.data.encoders.SpaceTokenizer;
import org.leapseq.models.criterions.AdaptiveLoss;
import org.leapseq.models.criterions.Criterions;
import org.leapseq.models.modules.AttentionMechanisms;

/** Registers every component Leapseq ships, explicitly, in one place. */
public final class BuiltIns {
  private static final Registries REGISTRIES = create();

  private BuiltIns() {}

  /** The filled registries (shared; registration happens once). */
  public static Registries registries() {
    return REGISTRIES;
  }

  private static Registries create() {
    Registries r = Registries.empty();
    r.tokenizers().register("space", SpaceTokenizer.Config.class, SpaceTokenizer::new);
    AttentionMechanisms.registerAll(r.attentions());
    OptimBuiltIns.registerOptimizers(r.optimizers());
    OptimBuiltIns.registerLrSchedulers(r.lrSchedulers());
    Criterions.registerAll(r.criterions());
    AdaptiveLoss.register(r.criterions());
    return r;
  }
}
