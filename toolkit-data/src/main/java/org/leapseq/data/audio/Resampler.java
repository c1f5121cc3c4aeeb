// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import org.leapseq.core.Require;

/**
 * Band-limited resampling between integer rates with torchaudio's {@code functional.resample} kernel
 * ({@code sinc_interpolation}: a Hann-windowed sinc, {@code lowpass_filter_width} 6 zero crossings, cut-off at
 * {@code rolloff} 0.99 of the lower Nyquist frequency), in float64. With {@code g = gcd(from, to)}, the ratio
 * {@code (from/g) : (to/g)} gives {@code to/g} polyphase filters of {@code 2 w + from/g} taps; the output has
 * {@code ceil(N * to / from)} samples. Taps beyond the 6 zero crossings, where torchaudio's clamped window is
 * cos(pi/2)^2 (about 4e-33), are skipped, so each output costs about {@code 2 * 6 * from / base} multiply-adds
 * rather than {@code 2 w + from}. Deterministic, and equal to torchaudio's to rounding.
 */
public final class Resampler {
  private static final int LOWPASS_FILTER_WIDTH = 6;
  private static final double ROLLOFF = 0.99;

  private final int from;
  private final int to;
  private final int width;
  /** kernels[phase][tap]. */
  private final double[][] kernels;
  /** Per phase, the taps [first, last) inside the window's zero crossings. */
  private final int[] first;
  private final int[] last;

  public Resampler(int fromRate, int toRate) {
    Require.that(fromRate > 0 && toRate > 0, "sample rates must be positive, got %d and %d", fromRate, toRate);
    int g = gcd(fromRate, toRate);
    this.from = fromRate / g;
    this.to = toRate / g;
    double base = Math.min(from, to) * ROLLOFF;
    this.width = (int) Math.ceil(LOWPASS_FILTER_WIDTH * from / base);
    this.kernels = new double[to][2 * width + from];
    this.first = new int[to];
    this.last = new int[to];
    double scale = base / from;
    for (int j = 0; j < to; j++) {
      first[j] = kernels[j].length;
      for (int k = 0; k < kernels[j].length; k++) {
        double t = (-j / (double) to + (k - width) / (double) from) * base;
        if (Math.abs(t) < LOWPASS_FILTER_WIDTH) {
          first[j] = Math.min(first[j], k);
          last[j] = k + 1;
        }
        t = Math.max(-LOWPASS_FILTER_WIDTH, Math.min(LOWPASS_FILTER_WIDTH, t));
        double c = Math.cos(t * Math.PI / LOWPASS_FILTER_WIDTH / 2);
        double window = c * c;
        t *= Math.PI;
        kernels[j][k] = (t == 0 ? 1.0 : Math.sin(t) / t) * window * scale;
      }
    }
  }

  /** {@code waveform} at {@code toRate}; the same object when the rates are equal. */
  public static Waveform resample(Waveform waveform, int toRate) {
    if (waveform.sampleRate() == toRate) {
      return waveform;
    }
    return new Waveform(new Resampler(waveform.sampleRate(), toRate).apply(waveform.samples()), toRate);
  }

  /** x: [N] -> [ceil(N * to / from)]. */
  public double[] apply(double[] x) {
    int n = x.length;
    int outLength = (int) Math.ceil((double) to * n / from);
    double[] y = new double[outLength];
    for (int o = 0; o < outLength; o++) {
      int i = o / to;
      int j = o % to;
      double[] kernel = kernels[j];
      int start = i * from - width; // index into x of tap 0 (x is zero outside [0, N))
      int k0 = Math.max(first[j], -start);
      int k1 = Math.min(last[j], n - start);
      y[o] = dot(kernel, x, start, k0, k1);
    }
    return y;
  }

  /** sum_{k in [k0, k1)} kernel[k] * x[start + k], with four partial sums so the JIT can overlap the adds. */
  private static double dot(double[] kernel, double[] x, int start, int k0, int k1) {
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    int k = k0;
    for (; k + 3 < k1; k += 4) {
      a0 += kernel[k] * x[start + k];
      a1 += kernel[k + 1] * x[start + k + 1];
      a2 += kernel[k + 2] * x[start + k + 2];
      a3 += kernel[k + 3] * x[start + k + 3];
    }
    for (; k < k1; k++) {
      a0 += kernel[k] * x[start + k];
    }
    return (a0 + a1) + (a2 + a3);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
