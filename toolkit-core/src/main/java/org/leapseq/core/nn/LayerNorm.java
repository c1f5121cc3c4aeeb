// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import org.leapseq.core.Require;
import org.leapseq.core.tensor.NnOps;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/** PyTorch's {@code nn.LayerNorm} over the last axis: {@code weight} [C] ones and {@code bias} [C] zeros. */
public final class LayerNorm extends Module {
  private final Tensor weight;
  private final Tensor bias;
  private final double eps;

  /** With PyTorch's and fairseq's eps, {@link NnOps#LAYER_NORM_EPS}. */
  public LayerNorm(long dim, DataType dtype) {
    this(dim, NnOps.LAYER_NORM_EPS, dtype);
  }

  public LayerNorm(long dim, double eps, DataType dtype) {
    Require.that(dim > 0 && eps > 0, "LayerNorm(%d, eps %s): dim and eps must be positive", dim, eps);
    this.weight = param("weight", Init.ones(dtype, dim));
    this.bias = param("bias", Init.zeros(dtype, dim));
    this.eps = eps;
  }

  /** x: [.., C] -> [.., C]. */
  public Tensor forward(Tensor x) {
    return NnOps.layerNorm(x, weight, bias, eps);
  }

  public double eps() {
    return eps;
  }

  /** [C]. */
  public Tensor weight() {
    return weight;
  }

  /** [C]. */
  public Tensor bias() {
    return bias;
  }
}
