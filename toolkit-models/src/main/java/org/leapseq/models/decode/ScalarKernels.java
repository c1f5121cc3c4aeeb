// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.decode;

/** {@link Kernels} in plain loops (four partial sums per dot product), for JVMs without the Vector API module. */
final class ScalarKernels implements Kernels {
  private static final int WIDTH = 8;

  @Override
  public int panelWidth() {
    return WIDTH;
  }

  @Override
  public void matmul(Packed w, float[] bias, float[] x, int batch, float[] y, int p0, int p1) {
    int in = w.in();
    int out = w.out();
    float[] data = w.data();
    float[] acc = new float[WIDTH];
    for (int p = p0; p < p1; p++) {
      int base = p * in * WIDTH;
      for (int b = 0; b < batch; b++) {
        java.util.Arrays.fill(acc, 0f);
        for (int e = 0; e < in; e++) {
          float xe = x[b * in + e];
          int o = base + e * WIDTH;
          for (int j = 0; j < WIDTH; j++) {
            acc[j] += (data != null ? data[o + j] : w.weight(p, e, j)) * xe;
          }
        }
        for (int j = 0; j < WIDTH && p * WIDTH + j < out; j++) {
          int r = p * WIDTH + j;
          y[b * out + r] = acc[j] + (bias == null ? 0f : bias[r]);
        }
      }
    }
  }

  @Override
  public void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] += a * x[xo + i];
    }
  }

  @Override
  public float dot(float[] x, int xo, float[] y, int yo, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += x[xo + i] * y[yo + i];
      s1 += x[xo + i + 1] * y[yo + i + 1];
      s2 += x[xo + i + 2] * y[yo + i + 2];
      s3 += x[xo + i + 3] * y[yo + i + 3];
    }
    for (; i < n; i++) {
      s0 += x[xo + i] * y[yo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float sumExp(float[] x, int xo, int n, float shift) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.exp(x[xo + i] - shift);
    }
    return (float) s;
  }
}
