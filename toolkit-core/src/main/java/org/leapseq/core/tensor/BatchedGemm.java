// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Products over a leading group axis, {@code out[g] = alpha op(a[g]) op(b[g]) + beta out[g]}, as one BLAS gemm
 * per group straight on the arrays' memory. libnd4j runs rank-3 {@code matmul} with its own loop kernel (measured
 * here at 26-81 GFLOP/s for attention shapes, against 66-122 GFLOP/s for the same products as per-group
 * {@code cblas_sgemm} calls), so attention's batched products go through here. Operands may be views whose rows
 * are dense (column stride 1), e.g. a range of rows of every group, which then need no copy; other layouts are
 * copied first, and other types or a GPU backend go through ND4J's matmul, with the same result.
 */
public final class BatchedGemm {
  private static final boolean CPU = Nd4j.getBackend().getClass().getName().contains("Cpu");

  private BatchedGemm() {}

  /** a: [G, M, K] (or [G, K, M] when ta), b: [G, K, N] (or [G, N, K] when tb) -> a fresh dense [G, M, N]. */
  public static INDArray product(INDArray a, boolean ta, INDArray b, boolean tb) {
    long m = ta ? a.size(2) : a.size(1);
    long n = tb ? b.size(1) : b.size(2);
    INDArray out = Nd4j.createUninitialized(a.dataType(), a.size(0), m, n);
    into(a, ta, b, tb, out, 1.0, 0.0);
    return out;
  }

  /** out = alpha op(a) op(b) + beta out, per group; out may be a view (beta 0 ignores its old values). */
  public static void into(INDArray a, boolean ta, INDArray b, boolean tb, INDArray out, double alpha, double beta) {
    Require.that(a.rank() == 3 && b.rank() == 3 && out.rank() == 3, "batched gemm needs rank-3 arrays, got %s, %s, %s",
        Arrays.toString(a.shape()), Arrays.toString(b.shape()), Arrays.toString(out.shape()));
    long groups = a.size(0);
    long m = ta ? a.size(2) : a.size(1);
    long k = ta ? a.size(1) : a.size(2);
    long n = tb ? b.size(1) : b.size(2);
    Require.that(b.size(0) == groups && out.size(0) == groups && (tb ? b.size(2) : b.size(1)) == k
        && out.size(1) == m && out.size(2) == n, "batched gemm sizes differ: %s%s x %s%s -> %s",
        Arrays.toString(a.shape()), ta ? "^T" : "", Arrays.toString(b.shape()), tb ? "^T" : "",
        Arrays.toString(out.shape()));
    DataType type = a.dataType();
    if (CPU && (type == DataType.FLOAT || type == DataType.DOUBLE) && b.dataType() == type
        && out.dataType() == type && m <= Integer.MAX_VALUE && n <= Integer.MAX_VALUE && k <= Integer.MAX_VALUE) {
      INDArray a2 = rowsDense(a) ? a : a.dup('c');
      INDArray b2 = rowsDense(b) ? b : b.dup('c');
      if (rowsDense(out)) {
        Blas.gemm(a2, ta, b2, tb, out, alpha, beta, (int) groups, (int) m, (int) n, (int) k);
      } else {
        INDArray p = Nd4j.createUninitialized(type, groups, m, n);
        Blas.gemm(a2, ta, b2, tb, p, alpha, 0.0, (int) groups, (int) m, (int) n, (int) k);
        combine(out, p, beta);
      }
      return;
    }
    INDArray p = Nd4j.matmul(a, b, ta, tb, false);
    if (alpha != 1.0) {
      p.muli(alpha);
    }
    combine(out, p, beta);
  }

  /** out = p + beta out (beta 0: out = p, whatever out held). */
  private static void combine(INDArray out, INDArray p, double beta) {
    if (beta == 0.0) {
      out.assign(p);
    } else {
      out.muli(beta).addi(p);
    }
  }

  /** Whether every group's matrix is row-major with unit column stride (rows may be farther apart). */
  private static boolean rowsDense(INDArray x) {
    return (x.size(2) == 1 || x.stride(2) == 1) && (x.size(1) == 1 || x.stride(1) >= x.size(2));
  }

  /** The leading dimension of a row-major matrix view: its row stride, or its width when it has one row. */
  private static int ld(INDArray x) {
    return (int) Math.max(1, x.size(1) == 1 ? x.size(2) : x.stride(1));
  }

  /** x's first element counted from where its buffer's address pointer starts (a view's buffer starts late). */
  private static long start(INDArray x) {
    return x.offset() - x.data().offset();
  }

  /** Loaded only on the CPU backend: the bytedeco OpenBLAS that ND4J itself calls. */
  private static final class Blas {
    private Blas() {}

    static void gemm(INDArray a, boolean ta, INDArray b, boolean tb, INDArray out, double alpha, double beta,
        int groups, int m, int n, int k) {
      int opA = ta ? openblas.CblasTrans : openblas.CblasNoTrans;
      int opB = tb ? openblas.CblasTrans : openblas.CblasNoTrans;
      int lda = ld(a);
      int ldb = ld(b);
      int ldc = ld(out);
      long sa = a.size(0) == 1 ? 0 : a.stride(0);
      long sb = b.size(0) == 1 ? 0 : b.stride(0);
      long sc = out.size(0) == 1 ? 0 : out.stride(0);
      Pointer pa = a.data().addressPointer();
      Pointer pb = b.data().addressPointer();
      Pointer pc = out.data().addressPointer();
      if (a.dataType() == DataType.FLOAT) {
        FloatPointer fa = new FloatPointer(pa);
        FloatPointer fb = new FloatPointer(pb);
        FloatPointer fc = new FloatPointer(pc);
        for (int g = 0; g < groups; g++) {
          fa.position(start(a) + g * sa);
          fb.position(start(b) + g * sb);
          fc.position(start(out) + g * sc);
          openblas.cblas_sgemm(openblas.CblasRowMajor, opA, opB, m, n, k, (float) alpha, fa, lda, fb, ldb,
              (float) beta, fc, ldc);
        }
      } else {
        DoublePointer da = new DoublePointer(pa);
        DoublePointer db = new DoublePointer(pb);
        DoublePointer dc = new DoublePointer(pc);
        for (int g = 0; g < groups; g++) {
          da.position(start(a) + g * sa);
          db.position(start(b) + g * sb);
          dc.position(start(out) + g * sc);
          openblas.cblas_dgemm(openblas.CblasRowMajor, opA, opB, m, n, k, alpha, da, lda, db, ldb, beta, dc, ldc);
        }
      }
    }
  }
}
