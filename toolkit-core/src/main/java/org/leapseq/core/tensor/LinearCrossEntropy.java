// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import java.util.Arrays;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link CrossEntropy} over {@code LinalgOps.linear(x, weight)} without ever holding the [N, V] logits: rows go
 * through in chunks of R rows, R * V elements at most {@link #CHUNK_BYTES} bytes, each one gemm into a buffer
 * reused across chunks, log-softmax in place, the loss accumulated, the buffer turned into d loss / d logits in
 * place, then dX += dlogits W and dW += dlogits^T x. The loss is the final scalar, so its gradients are computed
 * during the forward (only when a gradient is wanted) and the backward only scales them by the upstream scalar.
 * Same semantics as CrossEntropy: label smoothing eps_i = eps / (V - 1), ignore index, SUM or MEAN.
 */
public final class LinearCrossEntropy {
  /** Bytes of one chunk of logits, about 16 MB: below glibc's largest mmap threshold, so the buffer is reused. */
  public static final long CHUNK_BYTES = 16L << 20;

  /**
   * loss: the differentiable scalar; nll: the unsmoothed negative log-likelihood, same reduction, no gradient;
   * correct: how many non-ignored rows have their target as the argmax of the logits.
   */
  public record Result(Tensor loss, Tensor nll, long correct) {}

  private LinearCrossEntropy() {}

  /** x: [N, E] (or [B, T, E]), weight: [V, E], targets: integer [N] (or [B, T]) -> scalar loss, nll, correct. */
  public static Result loss(Tensor x, Tensor weight, INDArray targets, CrossEntropy.Config cfg) {
    return loss(x, weight, targets, cfg, chunkRows(weight.size(0), weight.dtype()));
  }

  /** As {@link #loss(Tensor, Tensor, INDArray, CrossEntropy.Config)} with an explicit chunk of {@code rows}. */
  static Result loss(Tensor x, Tensor weight, INDArray targets, CrossEntropy.Config cfg, int rows) {
    Require.that(weight.rank() == 2 && x.size(-1) == weight.size(1), "linear cross-entropy: x %s, weight %s",
        Arrays.toString(x.shape()), Arrays.toString(weight.shape()));
    Require.that(x.dtype() == weight.dtype(), "x is %s, weight is %s", x.dtype(), weight.dtype());
    long e = weight.size(1);
    INDArray x2 = contiguous(x.value().reshape(x.value().length() / e, e));
    long n = x2.size(0);
    Require.that(targets.length() == n, "%d targets for %d rows of x", targets.length(), n);
    int[] t = targets.dup('c').reshape(n).castTo(DataType.INT32).toIntVector();
    boolean wantGrad = !NoGrad.active() && (x.requiresGrad() || weight.requiresGrad());
    ChunkedSoftmax pass = new ChunkedSoftmax(x2, contiguous(weight.value()), t, cfg,
        wantGrad && x.requiresGrad(), wantGrad && weight.requiresGrad());
    pass.run(Math.max(1, rows));
    double scale = cfg.reduction() == CrossEntropy.Reduction.MEAN ? 1.0 / Math.max(pass.count(), 1) : 1.0;
    DataType type = x.dtype();
    INDArray dx = pass.dx();
    INDArray dw = pass.dw();
    long[] xShape = x.shape();
    Tensor.Slot xs = x.slot();
    Tensor.Slot ws = weight.slot();
    Tensor lossT = Tensor.record(Nd4j.scalar(type, scale * pass.loss()), g -> {
      double f = g.getDouble(0) * scale;
      if (dx != null) {
        xs.addFreshGrad(dx.muli(f).reshape(xShape));
      }
      if (dw != null) {
        ws.addFreshGrad(dw.muli(f));
      }
    }, x, weight);
    return new Result(lossT, Tensor.constant(Nd4j.scalar(type, scale * pass.nll())), pass.correct());
  }

  /** Rows per chunk for a vocabulary of {@code v} entries: floor(CHUNK_BYTES / (V * element size)), at least 1. */
  static int chunkRows(long v, DataType type) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, CHUNK_BYTES / (v * type.width())));
  }

  private static INDArray contiguous(INDArray a) {
    return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
  }
}
