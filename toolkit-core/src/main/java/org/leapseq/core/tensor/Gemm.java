// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products {@code out = alpha op(a) op(b) + beta out} straight on the arrays' memory through the BLAS that
 * ND4J itself loads: rank 2, or rank 3 with a leading group axis (one gemm per group). Measured here against
 * ND4J's own entry points: libnd4j runs rank-3 {@code matmul} with its own loop kernel (26-81 GFLOP/s for
 * attention shapes, against 66-122 GFLOP/s as per-group {@code cblas_sgemm} calls), and {@code Nd4j.gemm} on the
 * dense layers' shapes reaches 115-127 GFLOP/s where the same call into an existing array gets 157-193.
 * Operands may be views whose rows are dense (column stride 1), e.g. a range of rows, which then need no copy;
 * other layouts are copied first, and other types or a GPU backend go through ND4J with the same result.
 *
 * <p>Many small products (chunked linear attention: 512 groups of 128x128x128 at 6x512, T=1024) run at 80-110
 * GFLOP/s however many threads OpenBLAS has, as one call after another. Inside {@link #spreadGroups} OpenBLAS is
 * switched to one thread and the groups of each rank-3 product are split over the cores instead (140-160 GFLOP/s
 * on 2 cores). Switching OpenBLAS's thread count costs 1-8 ms, so this pays for a whole op's products, not one,
 * and only where measured: the chunked causal linear form (softmax's causal blocks, larger products that OpenBLAS
 * already spreads well, ran 6% slower at 6x512, T=512).
 * Each group is one single-threaded call either way and OpenBLAS splits no sum over threads, so the results are
 * the same bits.
 */
public final class Gemm {
  private static final boolean CPU = Nd4j.getBackend().getClass().getName().contains("Cpu");
  /** OpenBLAS's thread count outside {@link #spreadGroups} (1 off the CPU backend). */
  private static final int THREADS = CPU ? Math.max(1, Blas.threads()) : 1;
  /** Threads that take all but the first share of the groups inside {@link #spreadGroups}. */
  private static final ExecutorService HELPERS = helpers();
  private static int spreadDepth;   // guarded by Gemm.class

  private Gemm() {}

  /** THREADS - 1 daemon threads, or none with one thread or {@code -Dleapseq.gemm.spread=false}. */
  private static ExecutorService helpers() {
    if (THREADS < 2 || !Boolean.parseBoolean(System.getProperty("leapseq.gemm.spread", "true"))) {
      return null;
    }
    return Executors.newFixedThreadPool(THREADS - 1, r -> {
      Thread t = new Thread(r, "leapseq-gemm");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs {@code body} with the groups of its rank-3 products split over the cores, each group a single-threaded
   * OpenBLAS call (see the class comment); with one core, off the CPU backend, or when {@code work} (multiply-adds
   * of the op, roughly) is below 2^26, where the switch costs more than it saves, it just runs {@code body}; so
   * does every call when {@code -Dleapseq.gemm.spread=false}.
   * Products in {@code body} must come from the calling thread.
   */
  public static <T> T spreadGroups(double work, Supplier<T> body) {
    if (HELPERS == null || work < (1 << 26)) {
      return body.get();
    }
    synchronized (Gemm.class) {
      if (spreadDepth++ == 0) {
        Blas.setThreads(1);
      }
    }
    try {
      return body.get();
    } finally {
      synchronized (Gemm.class) {
        if (--spreadDepth == 0) {
          Blas.setThreads(THREADS);
        }
      }
    }
  }

  /** OpenBLAS's thread count outside {@link #spreadGroups} (for tests). */
  static int threads() {
    return THREADS;
  }

  private static synchronized boolean spreading() {
    return spreadDepth > 0;
  }

  /**
   * Rank 2: a: [M, K] (or [K, M] when ta), b: [K, N] (or [N, K] when tb) -> a fresh dense [M, N]; rank 3: the same
   * per group, [G, M, N].
   */
  public static INDArray product(INDArray a, boolean ta, INDArray b, boolean tb) {
    int r = a.rank();
    long m = ta ? a.size(r - 1) : a.size(r - 2);
    long n = tb ? b.size(r - 2) : b.size(r - 1);
    INDArray out = r == 3 ? Nd4j.createUninitialized(a.dataType(), a.size(0), m, n)
        : Nd4j.createUninitialized(a.dataType(), m, n);
    into(a, ta, b, tb, out, 1.0, 0.0);
    return out;
  }

  /** out = alpha op(a) op(b) + beta out (per group at rank 3); out may be a view; beta 0 ignores its old values. */
  public static void into(INDArray a, boolean ta, INDArray b, boolean tb, INDArray out, double alpha, double beta) {
    int r = a.rank();
    Require.that((r == 2 || r == 3) && b.rank() == r && out.rank() == r,
        "gemm needs rank-2 or rank-3 arrays of one rank, got %s, %s, %s", Arrays.toString(a.shape()),
        Arrays.toString(b.shape()), Arrays.toString(out.shape()));
    long groups = r == 3 ? a.size(0) : 1;
    long m = ta ? a.size(r - 1) : a.size(r - 2);
    long k = ta ? a.size(r - 2) : a.size(r - 1);
    long n = tb ? b.size(r - 2) : b.size(r - 1);
    Require.that((r == 2 || b.size(0) == groups && out.size(0) == groups)
        && (tb ? b.size(r - 1) : b.size(r - 2)) == k && out.size(r - 2) == m && out.size(r - 1) == n,
        "gemm sizes differ: %s%s x %s%s -> %s", Arrays.toString(a.shape()), ta ? "^T" : "",
        Arrays.toString(b.shape()), tb ? "^T" : "", Arrays.toString(out.shape()));
    DataType type = a.dataType();
    if (CPU && (type == DataType.FLOAT || type == DataType.DOUBLE) && b.dataType() == type
        && out.dataType() == type && m <= Integer.MAX_VALUE && n <= Integer.MAX_VALUE && k <= Integer.MAX_VALUE) {
      INDArray a2 = rowsDense(a) ? a : a.dup('c');
      INDArray b2 = rowsDense(b) ? b : b.dup('c');
      if (rowsDense(out)) {
        Blas.gemm(a2, ta, b2, tb, out, alpha, beta, (int) groups, (int) m, (int) n, (int) k);
      } else {
        INDArray p = product(a2, ta, b2, tb);
        if (alpha != 1.0) {
          p.muli(alpha);
        }
        combine(out, p, beta);
      }
      return;
    }
    INDArray p = r == 3 ? Nd4j.matmul(a, b, ta, tb, false) : Nd4j.gemm(a, b, ta, tb);
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

  /** Whether every (group's) matrix is row-major with unit column stride (rows may be farther apart). */
  private static boolean rowsDense(INDArray x) {
    int r = x.rank();
    return (x.size(r - 1) == 1 || x.stride(r - 1) == 1) && (x.size(r - 2) == 1 || x.stride(r - 2) >= x.size(r - 1));
  }

  /** The leading dimension of a row-major matrix view: its row stride, or its width when it has one row. */
  private static int ld(INDArray x) {
    int r = x.rank();
    return (int) Math.max(1, x.size(r - 2) == 1 ? x.size(r - 1) : x.stride(r - 2));
  }

  /** Elements between groups (0 for rank 2 or a single group). */
  private static long groupStride(INDArray x) {
    return x.rank() == 2 || x.size(0) == 1 ? 0 : x.stride(0);
  }

  /** x's first element counted from where its buffer's address pointer starts (a view's buffer starts late). */
  private static long start(INDArray x) {
    return x.offset() - x.data().offset();
  }

  /** Loaded only on the CPU backend: the OpenBLAS instance (bytedeco, without LAPACK) that libnd4j calls for gemm. */
  private static final class Blas {
    private Blas() {}

    static int threads() {
      return org.bytedeco.openblas.global.openblas_nolapack.blas_get_num_threads();
    }

    static void setThreads(int n) {
      org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads(n);
    }

    static void gemm(INDArray a, boolean ta, INDArray b, boolean tb, INDArray out, double alpha, double beta,
        int groups, int m, int n, int k) {
      if (groups < 2 || !spreading()) {
        groups(a, ta, b, tb, out, alpha, beta, 0, groups, m, n, k);
        return;
      }
      int shares = Math.min(THREADS, groups);
      List<Future<?>> helpers = new ArrayList<>(shares - 1);
      for (int s = 1; s < shares; s++) {
        int from = (int) ((long) groups * s / shares);
        int to = (int) ((long) groups * (s + 1) / shares);
        helpers.add(HELPERS.submit(() -> groups(a, ta, b, tb, out, alpha, beta, from, to, m, n, k)));
      }
      groups(a, ta, b, tb, out, alpha, beta, 0, groups / shares, m, n, k);
      for (Future<?> f : helpers) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for a gemm helper", e);
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      }
    }

    /** Groups [from, to) one after another on the calling thread, with pointers of its own. */
    private static void groups(INDArray a, boolean ta, INDArray b, boolean tb, INDArray out, double alpha,
        double beta, int from, int to, int m, int n, int k) {
      int opA = ta ? CblasTrans : CblasNoTrans;
      int opB = tb ? CblasTrans : CblasNoTrans;
      int lda = ld(a);
      int ldb = ld(b);
      int ldc = ld(out);
      long sa = groupStride(a);
      long sb = groupStride(b);
      long sc = groupStride(out);
      Pointer pa = a.data().addressPointer();
      Pointer pb = b.data().addressPointer();
      Pointer pc = out.data().addressPointer();
      if (a.dataType() == DataType.FLOAT) {
        FloatPointer fa = new FloatPointer(pa);
        FloatPointer fb = new FloatPointer(pb);
        FloatPointer fc = new FloatPointer(pc);
        for (int g = from; g < to; g++) {
          fa.position(start(a) + g * sa);
          fb.position(start(b) + g * sb);
          fc.position(start(out) + g * sc);
          cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, (float) alpha, fa, lda, fb, ldb, (float) beta, fc, ldc);
        }
      } else {
        DoublePointer da = new DoublePointer(pa);
        DoublePointer db = new DoublePointer(pb);
        DoublePointer dc = new DoublePointer(pc);
        for (int g = from; g < to; g++) {
          da.position(start(a) + g * sa);
          db.position(start(b) + g * sb);
          dc.position(start(out) + g * sc);
          cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, alpha, da, lda, db, ldb, beta, dc, ldc);
        }
      }
    }
  }
}
