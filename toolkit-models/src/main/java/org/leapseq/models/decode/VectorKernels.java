// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.decode;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the JDK's Vector API (AVX-512 / AVX2 lanes as the CPU has them). The product walks a
 * {@link Packed} panel of two vectors of output rows, broadcasting one input element at a time, against eight input
 * rows at once (sixteen accumulators; a remainder of 2-7 rows zero-padded to eight) or one row, so each weight is
 * fetched from memory once per step whatever the batch; no lane reductions, which C2 performs lane by lane. The
 * kernels are unrolled by hand: vectors held in arrays would be boxed. bfloat16 panels load one vector of ints per
 * input position and widen it into the panel's two vectors of floats (a shift and a mask); the float/bfloat16 test
 * is loop-invariant, so C2 unswitches it out of the loop. Dot products and axpy finish lengths off the lane count in
 * scalar code.
 */
final class VectorKernels implements Kernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  public int panelWidth() {
    return 2 * L;
  }

  @Override
  public void matmul(Packed w, float[] bias, float[] x, int batch, float[] y, int p0, int p1) {
    int in = w.in();
    int out = w.out();
    int width = w.width();
    int full = batch / 8 * 8;
    int rest = batch - full;
    float[] spill = new float[16 * L];
    float[] padded = null;
    if (rest > 1) {       // 2-7 leftover rows go through the 8-row kernel, zero-padded (the loop is memory-bound)
      padded = new float[8 * in];
      System.arraycopy(x, full * in, padded, 0, rest * in);
    }
    for (int p = p0; p < p1; p++) {
      for (int b = 0; b < full; b += 8) {
        panel8(w, p, x, b * in, spill);
        for (int i = 0; i < 8; i++) {
          write(spill, i * width, y, (b + i) * out, p * width, out, bias);
        }
      }
      if (padded != null) {
        panel8(w, p, padded, 0, spill);
        for (int i = 0; i < rest; i++) {
          write(spill, i * width, y, (full + i) * out, p * width, out, bias);
        }
      } else if (rest == 1) {
        panel1(w, p, x, full * in, spill);
        write(spill, 0, y, full * out, p * width, out, bias);
      }
    }
  }

  /** Panel p's weights for input position e, float32 or widened from bfloat16: the two vectors of outputs. */
  private static FloatVector lo(float[] data, int[] halves, int base, int e) {
    if (halves != null) {
      return IntVector.fromArray(I, halves, base + e * L).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }
    return FloatVector.fromArray(S, data, base + e * 2 * L);
  }

  private static FloatVector hi(float[] data, int[] halves, int base, int e) {
    if (halves != null) {
      return IntVector.fromArray(I, halves, base + e * L).and(0xFFFF0000).reinterpretAsFloats();
    }
    return FloatVector.fromArray(S, data, base + e * 2 * L + L);
  }

  /** One panel (two vectors of outputs) against eight input rows from x[xo]: sixteen accumulators. */
  private static void panel8(Packed w, int p, float[] x, int xo, float[] spill) {
    float[] data = w.data();
    int[] halves = w.halves();
    int in = w.in();
    int base = p * in * (halves != null ? L : 2 * L);
    FloatVector a00 = FloatVector.zero(S);
    FloatVector a01 = a00;
    FloatVector a10 = a00;
    FloatVector a11 = a00;
    FloatVector a20 = a00;
    FloatVector a21 = a00;
    FloatVector a30 = a00;
    FloatVector a31 = a00;
    FloatVector a40 = a00;
    FloatVector a41 = a00;
    FloatVector a50 = a00;
    FloatVector a51 = a00;
    FloatVector a60 = a00;
    FloatVector a61 = a00;
    FloatVector a70 = a00;
    FloatVector a71 = a00;
    for (int e = 0; e < in; e++) {
      FloatVector w0 = lo(data, halves, base, e);
      FloatVector w1 = hi(data, halves, base, e);
      int xe = xo + e;
      FloatVector xb = FloatVector.broadcast(S, x[xe]);
      a00 = w0.fma(xb, a00);
      a01 = w1.fma(xb, a01);
      xb = FloatVector.broadcast(S, x[xe + in]);
      a10 = w0.fma(xb, a10);
      a11 = w1.fma(xb, a11);
      xb = FloatVector.broadcast(S, x[xe + 2 * in]);
      a20 = w0.fma(xb, a20);
      a21 = w1.fma(xb, a21);
      xb = FloatVector.broadcast(S, x[xe + 3 * in]);
      a30 = w0.fma(xb, a30);
      a31 = w1.fma(xb, a31);
      xb = FloatVector.broadcast(S, x[xe + 4 * in]);
      a40 = w0.fma(xb, a40);
      a41 = w1.fma(xb, a41);
      xb = FloatVector.broadcast(S, x[xe + 5 * in]);
      a50 = w0.fma(xb, a50);
      a51 = w1.fma(xb, a51);
      xb = FloatVector.broadcast(S, x[xe + 6 * in]);
      a60 = w0.fma(xb, a60);
      a61 = w1.fma(xb, a61);
      xb = FloatVector.broadcast(S, x[xe + 7 * in]);
      a70 = w0.fma(xb, a70);
      a71 = w1.fma(xb, a71);
    }
    a00.intoArray(spill, 0);
    a01.intoArray(spill, L);
    a10.intoArray(spill, 2 * L);
    a11.intoArray(spill, 3 * L);
    a20.intoArray(spill, 4 * L);
    a21.intoArray(spill, 5 * L);
    a30.intoArray(spill, 6 * L);
    a31.intoArray(spill, 7 * L);
    a40.intoArray(spill, 8 * L);
    a41.intoArray(spill, 9 * L);
    a50.intoArray(spill, 10 * L);
    a51.intoArray(spill, 11 * L);
    a60.intoArray(spill, 12 * L);
    a61.intoArray(spill, 13 * L);
    a70.intoArray(spill, 14 * L);
    a71.intoArray(spill, 15 * L);
  }

  /** One panel against the input row at x[xo]. */
  private static void panel1(Packed w, int p, float[] x, int xo, float[] spill) {
    float[] data = w.data();
    int[] halves = w.halves();
    int in = w.in();
    int base = p * in * (halves != null ? L : 2 * L);
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector c0 = a0;
    FloatVector c1 = a0;
    int e = 0;
    for (; e + 2 <= in; e += 2) {      // two positions per turn: four independent FMA chains
      FloatVector xb = FloatVector.broadcast(S, x[xo + e]);
      a0 = lo(data, halves, base, e).fma(xb, a0);
      a1 = hi(data, halves, base, e).fma(xb, a1);
      xb = FloatVector.broadcast(S, x[xo + e + 1]);
      c0 = lo(data, halves, base, e + 1).fma(xb, c0);
      c1 = hi(data, halves, base, e + 1).fma(xb, c1);
    }
    if (e < in) {
      FloatVector xb = FloatVector.broadcast(S, x[xo + e]);
      a0 = lo(data, halves, base, e).fma(xb, a0);
      a1 = hi(data, halves, base, e).fma(xb, a1);
    }
    a0.add(c0).intoArray(spill, 0);
    a1.add(c1).intoArray(spill, L);
  }

  /** y[yo + col + j] = acc[ao + j] + bias[col + j] for the panel's rows j below out. */
  private static void write(float[] acc, int ao, float[] y, int yo, int col, int out, float[] bias) {
    int width = 2 * L;
    if (col + width <= out) {
      for (int j = 0; j < width; j += L) {
        FloatVector v = FloatVector.fromArray(S, acc, ao + j);
        (bias == null ? v : v.add(FloatVector.fromArray(S, bias, col + j))).intoArray(y, yo + col + j);
      }
    } else {
      for (int j = 0; col + j < out; j++) {
        y[yo + col + j] = acc[ao + j] + (bias == null ? 0f : bias[col + j]);
      }
    }
  }

  /** Keeps a head of 4 lanes' width (64 on AVX-512) in registers: the value, the numerator and the state row. */
  @Override
  public float absorbAndRead(float[] kv, int kvo, float[] z, int zo, float[] phiK, float[] phiQ, int f, float[] v,
      int vo, int d, float[] num) {
    if (d != 4 * L) {
      return Kernels.super.absorbAndRead(kv, kvo, z, zo, phiK, phiQ, f, v, vo, d, num);
    }
    FloatVector v0 = FloatVector.fromArray(S, v, vo);
    FloatVector v1 = FloatVector.fromArray(S, v, vo + L);
    FloatVector v2 = FloatVector.fromArray(S, v, vo + 2 * L);
    FloatVector v3 = FloatVector.fromArray(S, v, vo + 3 * L);
    FloatVector n0 = FloatVector.zero(S);
    FloatVector n1 = n0;
    FloatVector n2 = n0;
    FloatVector n3 = n0;
    float den = 0f;
    for (int i = 0; i < f; i++) {
      float a = phiK[i];
      float q = phiQ[i];
      if (a == 0f && q == 0f) {
        continue;
      }
      int o = kvo + i * d;
      FloatVector k0 = FloatVector.fromArray(S, kv, o);
      FloatVector k1 = FloatVector.fromArray(S, kv, o + L);
      FloatVector k2 = FloatVector.fromArray(S, kv, o + 2 * L);
      FloatVector k3 = FloatVector.fromArray(S, kv, o + 3 * L);
      if (a != 0f) {
        FloatVector av = FloatVector.broadcast(S, a);
        k0 = v0.fma(av, k0);
        k1 = v1.fma(av, k1);
        k2 = v2.fma(av, k2);
        k3 = v3.fma(av, k3);
        k0.intoArray(kv, o);
        k1.intoArray(kv, o + L);
        k2.intoArray(kv, o + 2 * L);
        k3.intoArray(kv, o + 3 * L);
        z[zo + i] += a;
      }
      if (q != 0f) {
        FloatVector qv = FloatVector.broadcast(S, q);
        n0 = k0.fma(qv, n0);
        n1 = k1.fma(qv, n1);
        n2 = k2.fma(qv, n2);
        n3 = k3.fma(qv, n3);
        den += q * z[zo + i];
      }
    }
    n0.intoArray(num, 0);
    n1.intoArray(num, L);
    n2.intoArray(num, 2 * L);
    n3.intoArray(num, 3 * L);
    return den;
  }

  @Override
  public void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
    FloatVector av = FloatVector.broadcast(S, a);
    int bound = S.loopBound(n);
    int i = 0;
    for (; i < bound; i += L) {
      FloatVector.fromArray(S, x, xo + i).fma(av, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] += a * x[xo + i];
    }
  }

  @Override
  public float dot(float[] x, int xo, float[] y, int yo, int n) {
    FloatVector acc = FloatVector.zero(S);
    int bound = S.loopBound(n);
    int i = 0;
    for (; i < bound; i += L) {
      acc = FloatVector.fromArray(S, x, xo + i).fma(FloatVector.fromArray(S, y, yo + i), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += x[xo + i] * y[yo + i];
    }
    return s;
  }

  @Override
  public float sumExp(float[] x, int xo, int n, float shift) {
    FloatVector acc = FloatVector.zero(S);
    int bound = S.loopBound(n);
    int i = 0;
    for (; i < bound; i += L) {
      acc = acc.add(FloatVector.fromArray(S, x, xo + i).sub(shift).lanewise(VectorOperators.EXP));
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += (float) Math.exp(x[xo + i] - shift);
    }
    return s;
  }
}
