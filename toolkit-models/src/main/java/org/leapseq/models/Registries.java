// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models;

import org.leapseq.core.Registry;
import org.leapseq.data.encoders.Tokenizer;
import org.leapseq.models.modules.AttentionMechanism;

/**
 * The registries of one Leapseq process, one per kind of component selected by name on the command line. A kind
 * joins here together with its first component: tokenizers and attention mechanisms now; tasks, models,
 * architectures, criterions, optimizers and lr schedulers with training.
 */
public record Registries(Registry<Tokenizer> tokenizers, Registry<AttentionMechanism.Factory> attentions) {
  /** Empty registries; {@link BuiltIns#registries()} returns them filled. */
  public static Registries empty() {
    return new Registries(new Registry<>("tokenizer"), new Registry<>("attention"));
  }
}
