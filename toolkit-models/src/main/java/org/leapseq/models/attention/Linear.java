// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A PyTorch {@code nn.Linear}: {@code y = x W^T + b}.
 *
 * @param weight [O, I]
 * @param bias [O]
 */
public record Linear(INDArray weight, INDArray bias) {
  /** Checks that bias has one entry per output row of weight. */
  public Linear {
    Require.that(weight.rank() == 2, "Linear weight must be [out, in], got %s", weight.shapeInfoToString());
    Require.that(bias.length() == weight.size(0), "bias length %d != out features %d", bias.length(), weight.size(0));
  }

  /** x: [M, I] -> [M, O]. */
  public INDArray apply(INDArray x) {
    return x.mmul(weight.transpose()).addiRowVector(bias.reshape(1, bias.length()));
  }

  /** x: [..., I] (any leading dims) -> [..., O]. */
  public INDArray applyLast(INDArray x) {
    long[] shape = x.shape().clone();
    long in = shape[shape.length - 1];
    INDArray y = apply(x.reshape('c', x.length() / in, in));
    shape[shape.length - 1] = weight.size(0);
    return y.reshape('c', shape);
  }
}
