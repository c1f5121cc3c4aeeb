// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.decode;

/**
 * The inner loops of fused decoding, on float arrays. {@link #matmul} is the workhorse: {@code y = x W^T + bias}
 * for the output panels {@code [p0, p1)} of a {@link Packed} weight, a batch of B input rows sharing each weight
 * load (decoding streams every weight once per step, so the loop is bound by memory bandwidth at small B).
 */
interface Kernels {
  /** Output rows per panel of the weights {@link #pack} makes. */
  int panelWidth();

  /** A row-major {@code [out, in]} weight packed for {@link #matmul}. */
  default Packed pack(float[] w, int out, int in) {
    return Packed.of(w, out, in, panelWidth());
  }

  /** The same weight packed as bfloat16 (see {@link Packed}). */
  default Packed packBf16(float[] w, int out, int in) {
    return Packed.bf16(w, out, in, panelWidth());
  }

  /**
   * y[b * out + r] = dot(W[r, :], x[b * in ..]) + bias[r] for the rows r of panels [p0, p1) and b in [0, batch).
   *
   * @param bias per-row bias, or null
   */
  void matmul(Packed w, float[] bias, float[] x, int batch, float[] y, int p0, int p1);

  /** y[yo + i] += a * x[xo + i] for i in [0, n). */
  void axpy(float a, float[] x, int xo, float[] y, int yo, int n);

  /** sum_i x[xo + i] * y[yo + i] for i in [0, n). */
  float dot(float[] x, int xo, float[] y, int yo, int n);

  /**
   * One causal step of linear attention for one head, in one pass over its state: for each feature i,
   * {@code kv[i, :] += phiK[i] v} and {@code z[i] += phiK[i]}, then {@code num += phiQ[i] kv[i, :]}; returns
   * {@code den = sum_i phiQ[i] z[i]}. Features where phiK and phiQ are both 0 (ReLU) are skipped.
   *
   * @param kv the state rows {@code [f, d]} at kvo
   * @param z the normaliser {@code [f]} at zo
   * @param num receives the numerator {@code [d]} at 0 (overwritten)
   */
  default float absorbAndRead(float[] kv, int kvo, float[] z, int zo, float[] phiK, float[] phiQ, int f, float[] v,
      int vo, int d, float[] num) {
    java.util.Arrays.fill(num, 0, d, 0f);
    float den = 0f;
    for (int i = 0; i < f; i++) {
      float a = phiK[i];
      float q = phiQ[i];
      int o = kvo + i * d;
      if (a != 0f) {
        axpy(a, v, vo, kv, o, d);
        z[zo + i] += a;
      }
      if (q != 0f) {
        axpy(q, kv, o, num, 0, d);
        den += q * z[zo + i];
      }
    }
    return den;
  }

  /** sum_i exp(x[xo + i] - shift) for i in [0, n). */
  float sumExp(float[] x, int xo, int n, float shift);

  /** The implementation this JVM supports: SIMD when {@code jdk.incubator.vector} is in the boot layer. */
  static Kernels best() {
    return Holder.BEST;
  }

  /** The name of {@link #best()}'s implementation ({@code vector} or {@code scalar}). */
  static String bestName() {
    return Holder.BEST instanceof ScalarKernels ? "scalar" : "vector";
  }

  /** Lazily picks the implementation, so the Vector API classes load only where the module is present. */
  final class Holder {
    static final Kernels BEST = pick();

    private Holder() {}

    private static Kernels pick() {
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && !Boolean.getBoolean("leapseq.decode.scalar")) {
        try {
          return (Kernels) Class.forName("org.leapseq.models.decode.VectorKernels")
              .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
          return new ScalarKernels();
        }
      }
      return new ScalarKernels();
    }
  }
}
