// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import org.leapseq.core.Require;

/** fairseq's {@code FairseqSGDConfig}: {@code --momentum} (0) and {@code --weight-decay} (0). */
public record SgdConfig(double momentum, double weightDecay) {
  public SgdConfig {
    Require.that(momentum >= 0, "--momentum must be >= 0, got %s", momentum);
    Require.that(weightDecay >= 0, "--weight-decay must be >= 0, got %s", weightDecay);
  }

  /** fairseq's defaults. */
  public static SgdConfig defaults() {
    return new SgdConfig(0.0, 0.0);
  }
}
