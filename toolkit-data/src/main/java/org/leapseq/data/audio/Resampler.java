// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import org.leapseq.core.Require;

/**
 * Band-limited resampling between integer rates with torchaudio's {@code functional.resample} kernel
 * ({@code sinc_interpolation}: a Hann-windowed sinc, {@code lowpass_filter_width} 6 zero crossings, cut-off at
 * {@code rolloff} 0.99 of the lower Nyquist frequency), in float64. With {@code g = gcd(from, to)}, the ratio
 * {@code (from/g) : (to/g)} gives {@code to/g} polyphase filters of {@code 2 w + from/g} taps; the output has
 * {@code ceil(N * to / from)} samples. Taps beyond the 6 zero crossings, where torchaudio's clamped window is
 * cos(pi/2)^2 (about 4e-33), are neither stored nor applied, so each output costs about
 * {@code 2 * 6 * from / base} multiply-adds rather than {@code 2 w + from}, and nearly coprime rates (16001 to
 * 16000 Hz) need no giant kernel. Deterministic, and equal to torchaudio's to rounding.
 */
public final class Resampler {
  private static final int LOWPASS_FILTER_WIDTH = 6;
  private static final double ROLLOFF = 0.99;

  private final int from;
  private final int to;
  private final int width;
  /** kernels[phase][tap - first[phase]]: per phase only the taps inside the window's zero crossings. */
  private final double[][] kernels;
  private final int[] first;

  public Resampler(int fromRate, int toRate) {
    Require.that(fromRate > 0 && toRate > 0, "sample rates must be positive, got %d and %d", fromRate, toRate);
    int g = gcd(fromRate, toRate);
    this.from = fromRate / g;
    this.to = toRate / g;
    double base = Math.min(from, to) * ROLLOFF;
    this.width = (int) Math.ceil(LOWPASS_FILTER_WIDTH * from / base);
    this.kernels = new double[to][];
    this.first = new int[to];
    double half = LOWPASS_FILTER_WIDTH * from / base;
    for (int j = 0; j < to; j++) {
      // taps k of torchaudio's 2w + from whose |t| < 6; t is linear in k, so they lie near width + j * from / to
      double center = width + (double) from * j / to;
      int lo = Math.max(0, (int) Math.floor(center - half) - 1);
      int hi = Math.min(2 * width + from, (int) Math.ceil(center + half) + 2);
      while (lo < hi && Math.abs(t(j, lo, base)) >= LOWPASS_FILTER_WIDTH) {
        lo++;
      }
      while (hi > lo && Math.abs(t(j, hi - 1, base)) >= LOWPASS_FILTER_WIDTH) {
        hi--;
      }
      first[j] = lo;
      kernels[j] = new double[hi - lo];
      for (int k = lo; k < hi; k++) {
        kernels[j][k - lo] = tap(t(j, k, base), base / from);
      }
    }
  }

  /** torchaudio's {@code t} for phase j and tap k: (-j / to + (k - width) / from) * base. */
  private double t(int j, int k, double base) {
    return (-j / (double) to + (k - width) / (double) from) * base;
  }

  /** Hann-windowed sinc at t (inside the zero crossings, so torchaudio's clamp does not apply). */
  private static double tap(double t, double scale) {
    double c = Math.cos(t * Math.PI / LOWPASS_FILTER_WIDTH / 2);
    double x = t * Math.PI;
    return (x == 0 ? 1.0 : Math.sin(x) / x) * (c * c * scale); // torchaudio: kernels *= window * scale
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
      int start = i * from - width + first[j]; // index into x of the phase's first tap (x is 0 outside [0, N))
      int k0 = Math.max(0, -start);
      int k1 = Math.min(kernels[j].length, n - start);
      y[o] = dot(kernels[j], x, start, k0, k1);
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
