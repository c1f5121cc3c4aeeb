// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import org.leapseq.core.Require;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient norms as fairseq's trainer uses them: {@code multiply_grads} (dividing by the sample size) and
 * {@code clip_grad_norm_}. Parameters without a gradient are ignored; squares are summed in float64.
 */
public final class GradNorm {
  /** fairseq adds this to the norm before dividing, so that a zero norm never divides by zero. */
  public static final double EPS = 1e-6;

  private GradNorm() {}

  /** The L2 norm of all gradients together (0 when none has one), accumulated in float64. */
  public static double norm(List<Tensor> params) {
    double sumSq = 0;
    for (Tensor p : params) {
      if (p.hasGrad()) {
        INDArray g = p.grad().castTo(DataType.DOUBLE);
        double n = g.norm2Number().doubleValue();
        sumSq += n * n;
      }
    }
    return Math.sqrt(sumSq);
  }

  /**
   * fairseq's {@code clip_grad_norm_}: scales every gradient by {@code min(1, maxNorm / (norm + 1e-6))} and returns
   * the norm before scaling (what fairseq logs as {@code gnorm}). {@code maxNorm} 0 ({@code --clip-norm} 0) only
   * measures. Note the coefficient is just below 1 for a norm within 1e-6 of {@code maxNorm}, as in fairseq.
   */
  public static double clip(List<Tensor> params, double maxNorm) {
    Require.that(maxNorm >= 0, "--clip-norm must be >= 0, got %s", maxNorm);
    double norm = norm(params);
    if (maxNorm > 0) {
      double coef = Math.min(1.0, maxNorm / (norm + EPS));
      if (coef < 1.0) {
        multiplyGrads(params, coef);
      }
    }
    return norm;
  }

  /** Whether clipping changed the gradients for this pre-clip {@code norm} (fairseq's {@code clip} meter). */
  public static boolean clipped(double norm, double maxNorm) {
    return maxNorm > 0 && norm > maxNorm;
  }

  /** True when no gradient holds a NaN or an infinity (fairseq checks the norm for this). */
  public static boolean isFinite(List<Tensor> params) {
    return Double.isFinite(norm(params));
  }

  /** Multiplies every gradient by {@code c} in place (fairseq's {@code multiply_grads}, e.g. c = 1 / sample size). */
  public static void multiplyGrads(List<Tensor> params, double c) {
    for (Tensor p : params) {
      if (p.hasGrad()) {
        p.grad().muli(c);
      }
    }
  }
}
