// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** fairseq's position numbering and its sinusoidal table. */
public final class Positions {
  private Positions() {}

  /**
   * fairseq's {@code make_positions}: tokens [B, T] row-major -> positions, {@code padding_idx + 1 + i} for the
   * i-th non-pad token of a row and {@code padding_idx} for pads (right padding gives 2, 3, ... with pad 1).
   */
  public static int[] make(int[] tokens, int width, int paddingIdx) {
    Require.that(width > 0 && tokens.length % width == 0, "%d tokens are not rows of width %d", tokens.length, width);
    int[] pos = new int[tokens.length];
    for (int row = 0; row < tokens.length / width; row++) {
      int count = 0;
      for (int t = 0; t < width; t++) {
        int i = row * width + t;
        if (tokens[i] != paddingIdx) {
          count++;
          pos[i] = paddingIdx + count;
        } else {
          pos[i] = paddingIdx;
        }
      }
    }
    return pos;
  }

  /**
   * Rows of fairseq's {@code SinusoidalPositionalEmbedding.get_embedding} for the given positions, computed in
   * float64 ({@code freq_i = exp(-i ln(10000) / (half - 1))}, row {@code [sin(p freq) | cos(p freq)]}, a zero
   * column when dim is odd, zeros at {@code padding_idx}) and stored in {@code type}: [N, dim].
   */
  public static INDArray sinusoidal(int[] positions, int dim, int paddingIdx, DataType type) {
    Require.that(dim >= 4, "sinusoidal positions need embed dim >= 4, got %d", dim);
    int half = dim / 2;
    double step = Math.log(10000) / (half - 1);
    double[] freq = new double[half];
    for (int i = 0; i < half; i++) {
      freq[i] = Math.exp(i * -step);
    }
    double[] out = new double[positions.length * dim];
    for (int n = 0; n < positions.length; n++) {
      int p = positions[n];
      if (p == paddingIdx) {
        continue;
      }
      for (int i = 0; i < half; i++) {
        double a = p * freq[i];
        out[n * dim + i] = Math.sin(a);
        out[n * dim + half + i] = Math.cos(a);
      }
    }
    return Nd4j.create(out, new long[] {positions.length, dim}, DataType.DOUBLE).castTo(type);
  }
}
