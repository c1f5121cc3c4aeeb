// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** 2-D gemm throughput (C = A B into a preallocated C), the yardstick every other benchmark is compared with. */
final class GemmBench {
  private GemmBench() {}

  /** GFLOP/s of an n x n x n gemm in the given type (median of {@code repeats}). */
  static double gflops(int n, DataType type, int repeats) {
    return gflops(n, n, n, type, repeats);
  }

  /** GFLOP/s of an [m, k] x [k, n] gemm. */
  static double gflops(int m, int k, int n, DataType type, int repeats) {
    Nd4j.getRandom().setSeed(1);
    INDArray a = Nd4j.rand(type, m, k);
    INDArray b = Nd4j.rand(type, k, n);
    INDArray c = Nd4j.create(type, m, n);
    Stopwatch.Timing t = Stopwatch.time(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), 2, repeats);
    return 2.0 * m * k * n / t.medianSeconds() / 1e9;
  }

  static void run(Report report, List<Integer> sizes, int repeats) {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (int n : sizes) {
        Map<String, Object> r = report.row();
        r.put("case", "gemm");
        r.put("dtype", type.name().toLowerCase());
        r.put("n", n);
        r.put("gflops", gflops(n, type, repeats));
      }
    }
  }
}
