// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import java.util.Arrays;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.KeyPadding;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax-attention products in float32 at G = 8, T = S = 1024, D = 64: one 2-D gemm per group against
 * ND4J's batched rank-3 {@code Nd4j.matmul} (what {@link SoftmaxAttentionOp} uses), for {@code q k^T} and
 * {@code P v}; then the whole op forward + backward. Not a unit test: run {@code main} by hand.
 */
public final class SoftmaxGemmBench {
  static final int G = 8;
  static final int T = 1024;
  static final int D = 64;

  private SoftmaxGemmBench() {}

  public static void main(String[] args) {
    INDArray q = Nd4j.randn(DataType.FLOAT, G, T, D);
    INDArray k = Nd4j.randn(DataType.FLOAT, G, T, D);
    INDArray p = Nd4j.rand(DataType.FLOAT, G, T, T);
    report("q k^T per-group gemm", () -> perGroup(q, k, false, true));
    report("q k^T batched matmul", () -> SoftmaxAttentionOp.GroupGemm.scores(q, k));
    report("P v   per-group gemm", () -> perGroup(p, k, false, false));
    report("P v   batched matmul", () -> SoftmaxAttentionOp.GroupGemm.product(p, k, false));
    report("attend fwd+bwd (causal)", () -> {
      Tensor[] ts = {Tensor.param(q), Tensor.param(k), Tensor.param(k)};
      SoftmaxAttentionOp.attend(ts[0], ts[1], ts[2], AdditiveMask.causal(T), KeyPadding.NONE,
          AttentionDropout.NONE).sum().backward();
      return ts[0].grad();
    });
  }

  /** One 2-D gemm per group into a preallocated [G, ., .] result. */
  private static INDArray perGroup(INDArray a, INDArray b, boolean ta, boolean tb) {
    INDArray out = Nd4j.create(a.dataType(), a.size(0), ta ? a.size(2) : a.size(1), tb ? b.size(1) : b.size(2));
    for (int g = 0; g < a.size(0); g++) {
      out.slice(g).assign(Nd4j.gemm(a.slice(g), b.slice(g), ta, tb));
    }
    return out;
  }

  private static void report(String what, java.util.function.Supplier<INDArray> f) {
    double[] s = new double[5];
    for (int r = -1; r < s.length; r++) {
      long start = System.nanoTime();
      f.get();
      Nd4j.getExecutioner().commit();
      if (r >= 0) {
        s[r] = (System.nanoTime() - start) / 1e9;
      }
    }
    Arrays.sort(s);
    double flops = 2.0 * G * T * T * D;
    System.out.printf("%-26s median %.4f s (%.1f GFLOP/s for one product)%n", what, s[2], flops / s[2] / 1e9);
  }
}
