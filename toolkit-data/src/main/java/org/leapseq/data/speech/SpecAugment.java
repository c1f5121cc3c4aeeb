// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import org.leapseq.data.batching.NumpyRandom;

/**
 * fairseq's {@code SpecAugmentTransform} with the same draws from numpy's legacy generator, so for the same
 * {@code np.random.seed} the same bands and frames are masked: optional time warp (when {@code 2 W < T}:
 * {@code w0 = randint(W, T - W)}, {@code w = randint(0, W)}, frames [0, w0) stretched to w0 + w and the rest
 * squeezed to T - w0 - w by OpenCV-style linear interpolation), then {@code freq_mask_N} times
 * {@code f = randint(0, F)}, {@code f0 = randint(0, D - f)}, then, if {@code T' = min(T, floor(frames * p)) >= 1},
 * {@code time_mask_N} times {@code t = randint(0, T')}, {@code t0 = randint(0, frames - t)}. Masked cells get
 * {@code mask_value}, or the utterance mean when it is null. Nothing happens when D < F or there are no frames.
 */
public record SpecAugment(SpecAugmentConfig config) {
  /** x: [T, D] -> a new [T, D]; {@code rng} advances exactly as numpy's global state would. */
  public double[][] apply(double[][] x, NumpyRandom rng) {
    int frames = x.length;
    if (frames == 0) {
      return x;
    }
    int freqs = x[0].length;
    double mask = config.maskValue() != null ? config.maskValue() : mean(x);
    if (freqs < config.freqMaskF()) {
      return x;
    }
    double[][] out = copy(x);
    int w = config.effectiveTimeWarpW();
    if (w > 0 && 2 * w < frames) {
      int w0 = rng.randint(w, frames - w);
      int dw = rng.randint(0, w);
      out = TimeWarp.warp(out, w0, dw);
    }
    for (int i = 0; i < config.freqMaskN(); i++) {
      int f = rng.randint(0, config.freqMaskF());
      int f0 = rng.randint(0, freqs - f);
      for (double[] row : out) {
        java.util.Arrays.fill(row, f0, f0 + f, mask);
      }
    }
    int maxT = (int) Math.min(config.timeMaskT(), Math.floor(frames * config.timeMaskP()));
    if (maxT < 1) {
      return out;
    }
    for (int i = 0; i < config.timeMaskN(); i++) {
      int t = rng.randint(0, maxT);
      int t0 = rng.randint(0, frames - t);
      for (int k = t0; k < t0 + t; k++) {
        java.util.Arrays.fill(out[k], mask);
      }
    }
    return out;
  }

  private static double mean(double[][] x) {
    double s = 0;
    long n = 0;
    for (double[] row : x) {
      for (double v : row) {
        s += v;
      }
      n += row.length;
    }
    return s / n;
  }

  private static double[][] copy(double[][] x) {
    double[][] c = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      c[t] = x[t].clone();
    }
    return c;
  }
}
