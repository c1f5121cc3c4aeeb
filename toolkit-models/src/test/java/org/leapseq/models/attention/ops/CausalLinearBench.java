// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import java.util.Arrays;
import java.util.function.Function;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.Denominator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Causal linear attention, chunked vs masked-quadratic, forward + backward in float32 at G = 8, F = 128, D = 64.
 * Not a unit test: run {@code main} by hand with {@code OPENBLAS_CORETYPE} set; args are sequence lengths
 * (default 1024 4096 16384; quadratic only up to 4096). Prints the median of the timed repetitions.
 */
public final class CausalLinearBench {
  static final int G = 8;
  static final int F = 128;
  static final int D = 64;

  private CausalLinearBench() {}

  public static void main(String[] args) {
    int[] lengths = args.length == 0 ? new int[] {1024, 4096, 16384}
        : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    LinearAttentionOp op = new LinearAttentionOp(Denominator.clampMin(0.1));
    double chunkedFirst = 0;
    for (int t : lengths) {
      double chunked = time(t, ts -> op.causalChunked(ts[0], ts[1], ts[2]), t >= 8192 ? 2 : 3);
      chunkedFirst = chunkedFirst == 0 ? chunked / t : chunkedFirst;
      String quad = "-";
      if (t <= 4096) {
        double q = time(t, ts -> op.causalQuadratic(ts[0], ts[1], ts[2]), t >= 4096 ? 2 : 3);
        quad = String.format("%.3f s (chunked %.1fx faster)", q, q / chunked);
      }
      System.out.printf("T=%d chunked %.3f s (%.1f us/token, %.2fx the first T per token), quadratic %s%n", t,
          chunked, 1e6 * chunked / t, chunked / t / chunkedFirst, quad);
    }
  }

  /** Median seconds of forward + backward over reps runs after one warm-up. */
  static double time(int t, Function<Tensor[], Tensor> f, int reps) {
    INDArray q = Nd4j.rand(DataType.FLOAT, G, t, F);
    INDArray k = Nd4j.rand(DataType.FLOAT, G, t, F);
    INDArray v = Nd4j.randn(DataType.FLOAT, G, t, D);
    double[] s = new double[reps];
    for (int r = -1; r < reps; r++) {
      Tensor[] ts = {Tensor.param(q), Tensor.param(k), Tensor.param(v)};
      long start = System.nanoTime();
      f.apply(ts).sum().backward();
      Nd4j.getExecutioner().commit();
      if (r >= 0) {
        s[r] = (System.nanoTime() - start) / 1e9;
      }
    }
    Arrays.sort(s);
    return s[reps / 2];
  }
}
