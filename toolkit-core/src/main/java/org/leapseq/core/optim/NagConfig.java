// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import org.leapseq.core.Require;

/**
 * fairseq's {@code FairseqNAGConfig}: {@code --momentum} (0.99), {@code --weight-decay} (0) and the
 * {@code --lr} list (fairseq's default {@code [0.25]}), whose first value is the "previous" learning rate of the
 * first step.
 */
public record NagConfig(double momentum, double weightDecay, List<Double> lr) {
  public NagConfig {
    Require.that(momentum >= 0, "--momentum must be >= 0, got %s", momentum);
    Require.that(weightDecay >= 0, "--weight-decay must be >= 0, got %s", weightDecay);
    Require.that(lr != null && !lr.isEmpty(), "--lr must have at least one value");
    lr = List.copyOf(lr);
  }

  /** fairseq's defaults. */
  public static NagConfig defaults() {
    return new NagConfig(0.99, 0.0, List.of(0.25));
  }
}
