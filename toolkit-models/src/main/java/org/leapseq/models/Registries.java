// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models;

import org.leapseq.core.Registry;
import org.leapseq.core.optim.LrScheduler;
import org.leapseq.core.optim.Optimizer;
import org.leapseq.data.encoders.Tokenizer;
import org.leapseq.models.criterions.Criterion;
import org.leapseq.models.modules.AttentionMechanism;

/**
 * The registries of one Leapseq process, one per kind of component selected by name on the command line. A kind
 * joins here together with its first component: tokenizers, attention mechanisms, optimizers, lr schedulers and
 * criterions. Architectures are {@link org.leapseq.models.lm.LmArchs} presets.
 */
public record Registries(Registry<Tokenizer> tokenizers, Registry<AttentionMechanism.Factory> attentions,
    Registry<Optimizer.Factory> optimizers, Registry<LrScheduler> lrSchedulers, Registry<Criterion> criterions) {
  /** Empty registries; {@link BuiltIns#registries()} returns them filled. */
  public static Registries empty() {
    return new Registries(new Registry<>("tokenizer"), new Registry<>("attention"), new Registry<>("optimizer"),
        new Registry<>("lr scheduler"), new Registry<>("criterion"));
  }
}
