// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

/**
 * SpecAugment's time warp as fairseq does it with {@code cv2.resize(..., INTER_LINEAR)} along the time axis:
 * rows [0, w0) become w0 + w rows and rows [w0, T) become T - w0 - w rows. Destination row y samples source
 * position {@code (y + 0.5) * src / dst - 0.5}, clamped to the first and last row.
 */
final class TimeWarp {
  private TimeWarp() {}

  /** x: [T, D], 0 < w0 < T, 0 <= w < T - w0 -> [T, D]. */
  static double[][] warp(double[][] x, int w0, int w) {
    int frames = x.length;
    double[][] out = new double[frames][];
    resize(x, 0, w0, out, 0, w0 + w);
    resize(x, w0, frames - w0, out, w0 + w, frames - w0 - w);
    return out;
  }

  private static void resize(double[][] src, int srcStart, int srcRows, double[][] dst, int dstStart, int dstRows) {
    double scale = (double) srcRows / dstRows;
    for (int y = 0; y < dstRows; y++) {
      double fy = (y + 0.5) * scale - 0.5;
      int sy = (int) Math.floor(fy);
      fy -= sy;
      if (sy < 0) {
        fy = 0;
        sy = 0;
      }
      if (sy >= srcRows - 1) {
        fy = 0;
        sy = srcRows - 1;
      }
      double[] a = src[srcStart + sy];
      double[] b = src[srcStart + Math.min(sy + 1, srcRows - 1)];
      double[] row = new double[a.length];
      for (int d = 0; d < row.length; d++) {
        row[d] = a[d] * (1 - fy) + b[d] * fy;
      }
      dst[dstStart + y] = row;
    }
  }
}
