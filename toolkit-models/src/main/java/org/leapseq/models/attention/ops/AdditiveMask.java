// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A [T, S] bias added to every group's attention scores before the softmax (fairseq's {@code attn_mask}): 0 keeps
 * an entry, negative infinity removes it, finite values shift it. {@link #NONE} adds nothing.
 */
public final class AdditiveMask {
  /** No bias. */
  public static final AdditiveMask NONE = new AdditiveMask(null, false);

  private final INDArray bias;
  private final boolean causal;

  private AdditiveMask(INDArray bias, boolean causal) {
    this.bias = bias;
    this.causal = causal;
  }

  /** bias: [T, S] (copied). */
  public static AdditiveMask of(INDArray bias) {
    Require.that(bias.rank() == 2, "additive mask must be [T, S], got %s", bias.shapeInfoToString());
    return new AdditiveMask(bias.dup('c'), false);
  }

  /** [n, n]: 0 on and below the diagonal, negative infinity above (query i sees keys j <= i). */
  public static AdditiveMask causal(int n) {
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        m[i * n + j] = Double.NEGATIVE_INFINITY;
      }
    }
    return new AdditiveMask(Nd4j.create(m, new long[] {n, n}, DataType.DOUBLE), true);
  }

  /** Whether this is exactly {@link #causal(int)}'s mask (attention may then skip the blocks above the diagonal). */
  boolean isCausal() {
    return causal;
  }

  /** Whether this mask adds nothing. */
  public boolean isNone() {
    return bias == null;
  }

  /** The [T, S] bias in {@code dtype}, checked against the score shape. */
  INDArray bias(long t, long s, DataType dtype) {
    Require.that(bias.size(0) == t && bias.size(1) == s, "mask is %s but scores are [%d, %d]",
        bias.shapeInfoToString(), t, s);
    return bias.dataType() == dtype ? bias : bias.castTo(dtype);
  }
}
