// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The keys and values softmax self-attention has seen while decoding, per group {@code g = b*H + h}. Storage grows
 * by doubling, so appending one step costs O(1) amortised copies instead of re-concatenating the whole cache.
 */
public final class KvCache implements AttentionState {
  private final int heads;
  private INDArray keys;
  private INDArray values;
  private int length;

  private KvCache(INDArray keys, INDArray values, int length, int heads) {
    this.keys = keys;
    this.values = values;
    this.length = length;
    this.heads = heads;
  }

  /** An empty cache for batch B, H heads of size D. */
  public static KvCache empty(DataType type, int batch, int heads, int headDim) {
    Require.that(batch > 0 && heads > 0 && headDim > 0, "empty cache needs positive sizes");
    int cap = 16;
    return new KvCache(Nd4j.zeros(type, (long) batch * heads, cap, headDim),
        Nd4j.zeros(type, (long) batch * heads, cap, headDim), 0, heads);
  }

  /** Appends k, v: [G, N, D] (N new steps). */
  public void append(INDArray k, INDArray v) {
    Require.that(k.size(0) == keys.size(0) && k.size(2) == keys.size(2) && v.size(2) == values.size(2),
        "cache append %s does not fit the cache %s", k.shapeInfoToString(), keys.shapeInfoToString());
    int n = (int) k.size(1);
    if (length + n > keys.size(1)) {
      int cap = (int) Math.max(2 * keys.size(1), length + n);
      keys = grow(keys, cap);
      values = grow(values, cap);
    }
    keys.get(NDArrayIndex.all(), NDArrayIndex.interval(length, length + n), NDArrayIndex.all()).assign(k);
    values.get(NDArrayIndex.all(), NDArrayIndex.interval(length, length + n), NDArrayIndex.all()).assign(v);
    length += n;
  }

  /** Forgets every step after the first {@code t} (a speculative or benchmark step is rolled back). */
  public void truncate(int t) {
    Require.that(t >= 0 && t <= length, "cannot truncate a cache of %d steps to %d", length, t);
    length = t;
  }

  /** Number of cached steps t. */
  public int length() {
    return length;
  }

  /** Cached keys [G, t, D] (a view). */
  public INDArray keys() {
    return keys.get(NDArrayIndex.all(), NDArrayIndex.interval(0, length), NDArrayIndex.all());
  }

  /** Cached values [G, t, D] (a view). */
  public INDArray values() {
    return values.get(NDArrayIndex.all(), NDArrayIndex.interval(0, length), NDArrayIndex.all());
  }

  /** Heads H. */
  public int heads() {
    return heads;
  }

  @Override
  public int batch() {
    return (int) keys.size(0) / heads;
  }

  @Override
  public KvCache reorder(int[] order) {
    int[] rows = groupRows(order, batch(), heads);
    INDArray k = Nd4j.create(keys.dataType(), rows.length, keys.size(1), keys.size(2));
    INDArray v = Nd4j.create(values.dataType(), rows.length, values.size(1), values.size(2));
    for (int g = 0; g < rows.length; g++) {
      k.slice(g).assign(keys.slice(rows[g]));
      v.slice(g).assign(values.slice(rows[g]));
    }
    return new KvCache(k, v, length, heads);
  }

  /** Group rows {@code order[i]*H + h} for a batch reorder. */
  static int[] groupRows(int[] order, int batch, int heads) {
    int[] rows = new int[order.length * heads];
    for (int i = 0; i < order.length; i++) {
      Require.that(order[i] >= 0 && order[i] < batch, "reorder index %d out of [0, %d)", order[i], batch);
      for (int h = 0; h < heads; h++) {
        rows[i * heads + h] = order[i] * heads + h;
      }
    }
    return rows;
  }

  private INDArray grow(INDArray x, int cap) {
    INDArray y = Nd4j.zeros(x.dataType(), x.size(0), cap, x.size(2));
    y.get(NDArrayIndex.all(), NDArrayIndex.interval(0, length), NDArrayIndex.all())
        .assign(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, length), NDArrayIndex.all()));
    return y;
  }
}
