// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

/**
 * fairseq's {@code utterance_cmvn}: per feature dimension, subtract the utterance mean and divide by
 * {@code sqrt(max(E[x^2] - mean^2, 1e-10))}, computed in float64. Which steps run is the transform's config
 * ({@code norm_means}, {@code norm_vars}; both true by default).
 */
public record UtteranceCmvn(boolean normMeans, boolean normVars) implements FeatureTransform {
  /** Both means and variances, fairseq's default. */
  public static final UtteranceCmvn DEFAULT = new UtteranceCmvn(true, true);
  private static final double VAR_FLOOR = 1e-10;

  /** x: [T, D] -> a new [T, D]; an empty utterance is returned as is. */
  @Override
  public double[][] apply(double[][] x) {
    int frames = x.length;
    if (frames == 0) {
      return x;
    }
    int dims = x[0].length;
    double[] mean = new double[dims];
    double[] sq = new double[dims];
    for (double[] row : x) {
      for (int d = 0; d < dims; d++) {
        mean[d] += row[d];
        sq[d] += row[d] * row[d];
      }
    }
    double[] scale = new double[dims];
    for (int d = 0; d < dims; d++) {
      mean[d] /= frames;
      scale[d] = normVars ? 1.0 / Math.sqrt(Math.max(sq[d] / frames - mean[d] * mean[d], VAR_FLOOR)) : 1.0;
    }
    double[][] out = new double[frames][dims];
    for (int t = 0; t < frames; t++) {
      for (int d = 0; d < dims; d++) {
        out[t][d] = (x[t][d] - (normMeans ? mean[d] : 0.0)) * scale[d];
      }
    }
    return out;
  }
}
