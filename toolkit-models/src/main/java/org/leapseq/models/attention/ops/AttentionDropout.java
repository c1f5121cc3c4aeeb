// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import java.util.random.RandomGenerator;
import org.leapseq.core.Require;
import org.leapseq.core.tensor.Phase;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout on attention probabilities, as fairseq's {@code dropout_module(attn_weights)}: each probability
 * is zeroed with probability p and the rest scaled by 1 / (1 - p), with the mask drawn from a caller-owned
 * generator so a fixed seed reproduces it. Inactive in {@link Phase#EVAL}, at p = 0, and for {@link #NONE}.
 */
public final class AttentionDropout {
  /** No dropout. */
  public static final AttentionDropout NONE = new AttentionDropout(0, Phase.EVAL, null);

  private final double p;
  private final Phase phase;
  private final RandomGenerator rng;

  private AttentionDropout(double p, Phase phase, RandomGenerator rng) {
    this.p = p;
    this.phase = phase;
    this.rng = rng;
  }

  /** Dropout with probability p in [0, 1), active in {@link Phase#TRAIN}, masks drawn from rng. */
  public static AttentionDropout of(double p, Phase phase, RandomGenerator rng) {
    Require.that(p >= 0 && p < 1, "attention dropout %s not in [0, 1)", p);
    return new AttentionDropout(p, phase, rng);
  }

  /** Whether a call drops anything. */
  public boolean isActive() {
    return phase == Phase.TRAIN && p > 0;
  }

  /** x with dropout applied (x itself when inactive); differentiable through the mask. */
  public Tensor apply(Tensor x) {
    if (!isActive()) {
      return x;
    }
    INDArray mask = keepMask(x.dtype(), x.shape());
    Tensor.Slot xs = x.slot();
    return Tensor.record(x.value().mul(mask), g -> xs.addFreshGrad(g.mul(mask)), x);
  }

  /** A fresh mask of 0 and 1 / (1 - p) entries of {@code shape}; only when {@link #isActive()}. */
  INDArray keepMask(DataType dtype, long... shape) {
    Require.that(isActive(), "inactive dropout has no mask");
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    Require.that(n <= Integer.MAX_VALUE, "attention dropout on %d elements", n);
    double scale = 1.0 / (1.0 - p);
    double[] keep = new double[(int) n];
    for (int i = 0; i < keep.length; i++) {
      keep[i] = rng.nextDouble() < p ? 0.0 : scale;
    }
    return Nd4j.create(keep, shape, dtype);
  }
}
