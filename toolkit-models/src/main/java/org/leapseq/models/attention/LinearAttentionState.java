// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Recurrent state of causal linear attention: running sums over the keys seen so far. For LeaPformer the feature
 * dimension is {@code F = 2D} with the sin half first, so {@code kv[:, :D]} is the reference's {@code kTv_sin} and
 * {@code z[:, :D]} its {@code norm_sin}.
 *
 * @param kv [G, F, D]: sum_j phi(k_j)^T v_j
 * @param z [G, F]: sum_j phi(k_j)
 * @param heads H, so that G = B*H and {@link #reorder} can select batch rows
 */
public record LinearAttentionState(INDArray kv, INDArray z, int heads) implements AttentionState {
  /** Checks that the shapes agree. */
  public LinearAttentionState {
    Require.that(kv.rank() == 3 && z.rank() == 2, "state must be kv [G,F,D], z [G,F]");
    Require.that(kv.size(0) == z.size(0) && kv.size(1) == z.size(1), "kv %s and z %s disagree",
        kv.shapeInfoToString(), z.shapeInfoToString());
    Require.that(heads > 0 && kv.size(0) % heads == 0, "%d groups not a multiple of %d heads", kv.size(0), heads);
  }

  /** The empty state (no keys yet) for batch B, heads H, feature size F and value size D. */
  public static LinearAttentionState empty(DataType type, int batch, int heads, int features, int valueDim) {
    return new LinearAttentionState(
        Nd4j.zeros(type, (long) batch * heads, features, valueDim), Nd4j.zeros(type, (long) batch * heads, features),
        heads);
  }

  @Override
  public int batch() {
    return (int) kv.size(0) / heads;
  }

  @Override
  public LinearAttentionState reorder(int[] order) {
    int[] rows = KvCache.groupRows(order, batch(), heads);
    INDArray newKv = Groups.map(rows.length, g -> Groups.at(kv, rows[g]).dup());
    INDArray newZ = Nd4j.pullRows(z, 1, rows);
    return new LinearAttentionState(newKv, newZ, heads);
  }
}
