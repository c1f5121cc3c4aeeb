// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;
import org.leapseq.data.npy.NpyArray;
import org.leapseq.data.npy.Npz;

/**
 * fairseq's {@code global_cmvn}: {@code (x - mean) / std} with statistics from {@code gcmvn.npz} (keys
 * {@code mean} and {@code std}, float32 [D]). {@link Accumulator} computes them as {@code cal_gcmvn_stats} does
 * over the training features: {@code mean = E[x]}, {@code std = sqrt(max(E[x^2] - mean^2, 1e-8))} (here in float64,
 * stored as float32).
 */
public record GlobalCmvn(double[] mean, double[] std) implements FeatureTransform {
  private static final double VAR_FLOOR = 1e-8;

  public GlobalCmvn {
    Require.that(mean.length == std.length, "mean has %d values but std %d", mean.length, std.length);
    mean = mean.clone();
    std = std.clone();
  }

  /** Reads {@code gcmvn.npz}. */
  public static GlobalCmvn load(Path npz) {
    Map<String, NpyArray> a = Npz.read(npz);
    double[] mean = Npz.require(a, "mean", npz).toDoubles();
    double[] std = Npz.require(a, "std", npz).toDoubles();
    if (mean.length != std.length) {
      throw new LeapseqException(npz + ": mean has " + mean.length + " values but std " + std.length);
    }
    return new GlobalCmvn(mean, std);
  }

  /** Writes {@code gcmvn.npz} with float32 {@code mean} and {@code std}, as fairseq does. */
  public void save(Path npz) {
    Map<String, NpyArray> a = new LinkedHashMap<>();
    a.put("mean", NpyArray.ofFloats(toFloats(mean), mean.length));
    a.put("std", NpyArray.ofFloats(toFloats(std), std.length));
    Npz.write(npz, a);
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  /** x: [T, D] -> a new [T, D]. */
  @Override
  public double[][] apply(double[][] x) {
    double[][] out = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      Require.that(x[t].length == mean.length, "features have %d dims, global CMVN stats %d", x[t].length,
          mean.length);
      out[t] = new double[mean.length];
      for (int d = 0; d < mean.length; d++) {
        out[t][d] = (x[t][d] - mean[d]) / std[d];
      }
    }
    return out;
  }

  /** Sums over utterances; {@link #result()} gives the statistics of everything added. */
  public static final class Accumulator {
    private double[] sum;
    private double[] sq;
    private long frames;

    /** Adds x: [T, D]. */
    public Accumulator add(double[][] x) {
      for (double[] row : x) {
        if (sum == null) {
          sum = new double[row.length];
          sq = new double[row.length];
        }
        Require.that(row.length == sum.length, "features have %d dims, earlier ones %d", row.length, sum.length);
        for (int d = 0; d < row.length; d++) {
          sum[d] += row[d];
          sq[d] += row[d] * row[d];
        }
        frames++;
      }
      return this;
    }

    public long frames() {
      return frames;
    }

    public GlobalCmvn result() {
      Require.that(frames > 0, "global CMVN needs at least one frame");
      double[] mean = new double[sum.length];
      double[] std = new double[sum.length];
      for (int d = 0; d < sum.length; d++) {
        mean[d] = sum[d] / frames;
        std[d] = Math.sqrt(Math.max(sq[d] / frames - mean[d] * mean[d], VAR_FLOOR));
      }
      return new GlobalCmvn(mean, std);
    }
  }
}
