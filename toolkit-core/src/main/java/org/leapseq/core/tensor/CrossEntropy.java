// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Fused log-softmax + negative log-likelihood over sparse integer targets, with fairseq's label smoothing:
 * loss = (1 - eps - eps_i) * nll + eps_i * smooth with eps_i = eps / (V - 1), as current fairseq's
 * label_smoothed_nll_loss, where smooth = -sum over the vocabulary of log p; rows whose target
 * equals the ignore index contribute nothing.
 */
public final class CrossEntropy {
  /** How per-row losses combine: SUM, or MEAN over the non-ignored rows. */
  public enum Reduction { SUM, MEAN }

  /**
   * labelSmoothing: eps in [0, 1); ignoreIndex: target value to skip (negative: skip nothing); reduction.
   */
  public record Config(double labelSmoothing, int ignoreIndex, Reduction reduction) {
    public Config {
      Require.that(labelSmoothing >= 0 && labelSmoothing < 1, "label smoothing %s not in [0, 1)", labelSmoothing);
      Require.that(reduction != null, "reduction must be given");
    }
  }

  /** loss: the differentiable scalar; nll: the unsmoothed negative log-likelihood, same reduction, no gradient. */
  public record Result(Tensor loss, Tensor nll) {}

  private CrossEntropy() {}

  /** logits: [N, V] (or [B, T, V]), targets: integer [N] (or [B, T]) -> scalar loss and nll. */
  public static Result loss(Tensor logits, INDArray targets, Config cfg) {
    long v = logits.size(-1);
    INDArray lsm = NnOps.logSoftmaxRows(logits.value().reshape(-1, v));
    long n = lsm.size(0);
    Require.that(targets.length() == n, "%d targets for %d rows of logits", targets.length(), n);
    int[] t = targets.dup('c').reshape(n).castTo(DataType.INT32).toIntVector();
    double[] valid = new double[(int) n];
    double nll = 0;
    int count = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] != cfg.ignoreIndex()) {
        Require.that(t[i] >= 0 && t[i] < v, "target %d outside vocabulary of %d", t[i], v);
        valid[i] = 1;
        nll -= lsm.getDouble(i, t[i]);
        count++;
      }
    }
    INDArray mask = Nd4j.create(valid, new long[] {n, 1}, lsm.dataType());
    double smooth = -lsm.sum(1).reshape(n, 1).mul(mask).sumNumber().doubleValue();
    double eps = cfg.labelSmoothing();
    double scale = cfg.reduction() == Reduction.MEAN ? 1.0 / Math.max(count, 1) : 1.0;
    double epsI = v > 1 ? eps / (v - 1) : 0;
    double loss = scale * ((1 - eps - epsI) * nll + epsI * smooth);
    long[] shape = logits.shape();
    Tensor.Slot ls = logits.slot();
    Tensor lossT = Tensor.record(Nd4j.scalar(lsm.dataType(), loss), g -> {
      INDArray gx = gradient(lsm, t, mask, eps, epsI, cfg.ignoreIndex());
      ls.addFreshGrad(gx.muli(g.getDouble(0) * scale).reshape(shape));
    }, logits);
    return new Result(lossT, Tensor.constant(Nd4j.scalar(lsm.dataType(), scale * nll)));
  }

  /** d(unreduced loss)/d logits = mask * (softmax - eps_i) - (1 - eps - eps_i) * onehot(t); lsm: [N, V]. */
  private static INDArray gradient(
      INDArray lsm, int[] t, INDArray mask, double eps, double epsI, int ignoreIndex) {
    INDArray gx = Transforms.exp(lsm, true).muliColumnVector(mask);
    if (eps > 0) {
      gx.subiColumnVector(mask.mul(epsI));
    }
    for (int i = 0; i < t.length; i++) {
      if (t[i] != ignoreIndex) {
        gx.putScalar(i, t[i], gx.getDouble(i, t[i]) - (1 - eps - epsI));
      }
    }
    return gx;
  }
}
