// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One pass of {@link LinearCrossEntropy} over the rows of x, chunk by chunk: the summed (unreduced) loss and nll,
 * the count of scored rows and of argmax hits, and, when asked, the unscaled gradients dX [N, E] and dW [V, E].
 */
final class ChunkedSoftmax {
  private final INDArray x;
  private final INDArray w;
  private final int[] t;
  private final int ignoreIndex;
  private final double eps;
  private final double epsI;
  private final long v;
  private final INDArray dx;
  private final INDArray dw;
  private double loss;
  private double nll;
  private long count;
  private long correct;

  /** x: [N, E], w: [V, E], t: N targets; gradX / gradW: whether to build dX / dW. */
  ChunkedSoftmax(INDArray x, INDArray w, int[] t, CrossEntropy.Config cfg, boolean gradX, boolean gradW) {
    this.x = x;
    this.w = w;
    this.t = t;
    this.ignoreIndex = cfg.ignoreIndex();
    this.v = w.size(0);
    this.eps = cfg.labelSmoothing();
    this.epsI = v > 1 ? eps / (v - 1) : 0;
    this.dx = gradX ? Nd4j.create(x.dataType(), x.shape()) : null;
    this.dw = gradW ? Nd4j.zeros(w.dataType(), w.shape()) : null;
  }

  /** Runs all chunks of at most {@code rows} rows through one reused [rows, V] buffer. */
  void run(int rows) {
    long n = x.size(0);
    int r = (int) Math.min(rows, Math.max(n, 1));
    INDArray buffer = Nd4j.create(x.dataType(), r, v);
    for (long start = 0; start < n; start += r) {
      long end = Math.min(n, start + r);
      INDArray z = end - start == r ? buffer : Nd4j.create(x.dataType(), end - start, v);
      chunk(start, end, z);
    }
  }

  /** Rows [start, end): z becomes the logits, then their log-softmax statistics, then d loss / d logits. */
  private void chunk(long start, long end, INDArray z) {
    int m = (int) (end - start);
    INDArray xc = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
    Gemm.into(xc, false, w, true, z, 1.0, 0.0);
    long[] best = Nd4j.argMax(z, 1).toLongVector();
    z.subiColumnVector(z.max(1).reshape(m, 1));
    double[] rowSum = eps > 0 ? z.sum(1).toDoubleVector() : null;
    double[] zt = new double[m];
    double[] mask = new double[m];
    boolean allScored = true;
    for (int i = 0; i < m; i++) {
      int ti = t[(int) start + i];
      if (ti == ignoreIndex) {
        allScored = false;
        continue;
      }
      Require.that(ti >= 0 && ti < v, "target %d outside vocabulary of %d", ti, v);
      mask[i] = 1;
      zt[i] = z.getDouble(i, ti);
      correct += best[i] == ti ? 1 : 0;
    }
    Transforms.exp(z, false);
    INDArray sums = z.sum(1).reshape(m, 1);
    double[] s = sums.toDoubleVector();
    for (int i = 0; i < m; i++) {
      if (mask[i] != 0) {
        double lse = Math.log(s[i]);
        double rowNll = lse - zt[i];
        nll += rowNll;
        loss += (1 - eps - epsI) * rowNll + (eps > 0 ? epsI * (v * lse - rowSum[i]) : 0);
        count++;
      }
    }
    if (dx != null || dw != null) {
      gradient(start, end, z, sums, mask, allScored, xc);
    }
  }

  /** z: exp(shifted logits), sums: their row sums -> dlogits = mask (softmax - eps_i) - (1 - eps - eps_i) onehot. */
  private void gradient(long start, long end, INDArray z, INDArray sums, double[] mask, boolean allScored,
      INDArray xc) {
    int m = mask.length;
    z.diviColumnVector(sums);
    if (eps > 0) {
      z.subi(epsI);
    }
    if (!allScored) {
      z.muliColumnVector(Nd4j.create(mask, new long[] {m, 1}, z.dataType()));
    }
    for (int i = 0; i < m; i++) {
      if (mask[i] != 0) {
        int ti = t[(int) start + i];
        z.putScalar(i, ti, z.getDouble(i, ti) - (1 - eps - epsI));
      }
    }
    if (dx != null) {
      Gemm.into(z, false, w, false, dx.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), 1.0, 0.0);
    }
    if (dw != null) {
      Gemm.into(z, true, xc, false, dw, 1.0, 1.0);
    }
  }

  double loss() {
    return loss;
  }

  double nll() {
    return nll;
  }

  long count() {
    return count;
  }

  long correct() {
    return correct;
  }

  /** The unscaled [N, E] gradient of the summed loss with respect to x, or null when not asked. */
  INDArray dx() {
    return dx;
  }

  /** The unscaled [V, E] gradient of the summed loss with respect to w, or null when not asked. */
  INDArray dw() {
    return dw;
  }
}
