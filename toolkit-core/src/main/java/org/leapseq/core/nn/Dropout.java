// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import org.leapseq.core.Require;
import org.leapseq.core.tensor.NnOps;
import org.leapseq.core.tensor.Tensor;

/** Inverted dropout with masks from an {@link Rng}; the identity in {@link org.leapseq.core.tensor.Phase#EVAL}. */
public final class Dropout extends Module {
  private final double p;
  private final Rng rng;

  public Dropout(double p, Rng rng) {
    Require.that(p >= 0 && p < 1, "dropout probability %s not in [0, 1)", p);
    this.p = p;
    this.rng = rng;
  }

  /** x: any shape -> same shape; returns x itself in eval phase or when p = 0. */
  public Tensor forward(Tensor x) {
    return NnOps.dropout(x, p, phase(), rng);
  }

  public double p() {
    return p;
  }
}
