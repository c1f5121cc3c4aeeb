// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Which keys are padding, per batch element; {@link #NONE} when every key is valid. */
public final class KeyPadding {
  /** No padded keys. */
  public static final KeyPadding NONE = new KeyPadding(null);

  private final INDArray valid;

  private KeyPadding(INDArray valid) {
    this.valid = valid;
  }

  /** valid: [B, S], 1 = valid key, 0 = pad (the LRA {@code mask}). */
  public static KeyPadding fromValid(INDArray valid) {
    Require.that(valid.rank() == 2, "key mask must be [B, S], got %s", valid.shapeInfoToString());
    return new KeyPadding(valid.dup());
  }

  /** pad: [B][S], true = pad (fairseq {@code key_padding_mask}). */
  public static KeyPadding fromPad(boolean[][] pad) {
    double[][] v = new double[pad.length][];
    for (int b = 0; b < pad.length; b++) {
      v[b] = new double[pad[b].length];
      for (int s = 0; s < pad[b].length; s++) {
        v[b][s] = pad[b][s] ? 0.0 : 1.0;
      }
    }
    return new KeyPadding(Nd4j.createFromArray(v));
  }

  /** Padding whose batch row i is this padding's row {@code order[i]} (beam search reorder). */
  public KeyPadding select(int[] order) {
    if (valid == null) {
      return this;
    }
    for (int b : order) {
      Require.that(b >= 0 && b < valid.size(0), "reorder index %d out of [0, %d)", b, valid.size(0));
    }
    return new KeyPadding(Nd4j.pullRows(valid, 1, order));
  }

  /** [G, S] key validity (1 valid, 0 pad) for G = B*H groups in row order b*H + h, or null for {@link #NONE}. */
  public INDArray groupMask(long groups, org.nd4j.linalg.api.buffer.DataType type) {
    if (valid == null) {
      return null;
    }
    long heads = groups / valid.size(0);
    Require.that(heads * valid.size(0) == groups, "%d groups not a multiple of batch %d", groups, valid.size(0));
    int[] rows = new int[(int) groups];
    for (int g = 0; g < rows.length; g++) {
      rows[g] = (int) (g / heads);
    }
    return Nd4j.pullRows(valid, 1, rows).castTo(type);
  }

  /** Whether any key is masked at all. */
  public boolean isNone() {
    return valid == null;
  }

  /** x: [G, S, F] with G = B*H -> x with the rows of padded keys set to 0. */
  public INDArray zeroPadded(INDArray x) {
    if (valid == null) {
      return x;
    }
    int groups = Groups.count(x);
    int heads = groups / (int) valid.size(0);
    Require.that(heads * valid.size(0) == groups, "%d groups not a multiple of batch %d", groups, valid.size(0));
    return Groups.map(groups, g -> Groups.at(x, g).mulColumnVector(column(g / heads, x)));
  }

  /** [S, 1] of 1 (valid) / 0 (pad) for batch element b, in the dtype of like. */
  INDArray column(int b, INDArray like) {
    return valid.getRow(b).castTo(like.dataType()).reshape(valid.size(1), 1);
  }
}
