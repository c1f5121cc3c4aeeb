// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import java.util.Arrays;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;
import org.leapseq.core.tensor.LinalgOps;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's {@code nn.Linear}: y = x W^T + b with {@code weight} [O, I] and {@code bias} [O]. The constructor uses
 * PyTorch's default init (weight drawn before bias); {@link #xavier} uses fairseq's attention-projection init.
 */
public final class Linear extends Module {
  /** Whether the layer adds a bias. */
  public enum Bias { WITH, WITHOUT }

  private final Tensor weight;
  private final Tensor bias;

  /** PyTorch's default init: weight and bias U(-1/sqrt(I), 1/sqrt(I)). */
  public Linear(long in, long out, Bias bias, DataType dtype, Rng rng) {
    this(Init.linearWeight(rng, dtype, out, checked(in, out)),
        bias == Bias.WITH ? Init.linearBias(rng, dtype, out, in) : null);
  }

  private Linear(INDArray w, INDArray b) {
    weight = param("weight", w);
    bias = b == null ? null : param("bias", b);
  }

  private Linear(Tensor sharedWeight) {
    weight = tie("weight", sharedWeight);
    bias = null;
  }

  /**
   * A bias-free layer whose weight [O, I] is {@code sharedWeight}, registered under this layer's name too: fairseq's
   * output projection with {@code --share-decoder-input-output-embed} ({@code Linear.tied(embed.weight())}).
   */
  public static Linear tied(Tensor sharedWeight) {
    Require.that(sharedWeight.rank() == 2, "a tied Linear weight must be [O, I], got rank %d", sharedWeight.rank());
    return new Linear(sharedWeight);
  }

  /** Xavier-uniform weight with {@code gain} and a zero bias, as fairseq's MultiheadAttention projections. */
  public static Linear xavier(long in, long out, Bias bias, double gain, DataType dtype, Rng rng) {
    INDArray w = Init.xavierUniform(rng, dtype, gain, out, checked(in, out));
    return new Linear(w, bias == Bias.WITH ? Init.zeros(dtype, out) : null);
  }

  private static long checked(long in, long out) {
    Require.that(in > 0 && out > 0, "Linear(%d, %d): sizes must be positive", in, out);
    return in;
  }

  /** x: [.., I] (rank >= 2) -> [.., O]; leading axes are folded into the rows of one 2-D gemm. */
  public Tensor forward(Tensor x) {
    Require.that(x.rank() >= 2 && x.size(-1) == inFeatures(), "Linear(%d, %d): input shape %s", inFeatures(),
        outFeatures(), Arrays.toString(x.shape()));
    Require.that(x.dtype() == weight.dtype(), "Linear: input %s, weight %s", x.dtype(), weight.dtype());
    return bias == null ? LinalgOps.linear(x, weight) : LinalgOps.linear(x, weight, bias);
  }

  public long inFeatures() {
    return weight.size(1);
  }

  public long outFeatures() {
    return weight.size(0);
  }

  /** [O, I]. */
  public Tensor weight() {
    return weight;
  }

  public boolean hasBias() {
    return bias != null;
  }

  /** [O]; throws when the layer was built {@link Bias#WITHOUT} a bias. */
  public Tensor bias() {
    if (bias == null) {
      throw new LeapseqException("this Linear has no bias");
    }
    return bias;
  }
}
