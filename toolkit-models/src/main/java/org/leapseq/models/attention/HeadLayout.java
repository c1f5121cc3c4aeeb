// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Splitting an embedding into heads and back, time-major (fairseq) and batch-major (LRA). */
public final class HeadLayout {
  private HeadLayout() {}

  /** x: [T, B, E] -> [G, T, D] with G = B*H, row g = b*H + h, e = h*D + j (fairseq). */
  public static INDArray splitTimeMajor(INDArray x, int heads) {
    long t = x.size(0);
    long b = x.size(1);
    long d = x.size(2) / heads;
    return x.reshape('c', t, b * heads, d).permute(1, 0, 2).dup('c');
  }

  /** x: [G, T, D] -> [T, B, E]. */
  public static INDArray mergeTimeMajor(INDArray x, int heads) {
    long g = x.size(0);
    return x.permute(1, 0, 2).dup('c').reshape('c', x.size(1), g / heads, heads * x.size(2));
  }

  /** x: [B, N, E] -> [G, N, D] (LRA {@code split_heads}: [B, N, H, D] -> [B, H, N, D]). */
  public static INDArray splitBatchMajor(INDArray x, int heads) {
    long b = x.size(0);
    long n = x.size(1);
    long d = x.size(2) / heads;
    return x.reshape('c', b, n, heads, d).permute(0, 2, 1, 3).dup('c').reshape('c', b * heads, n, d);
  }

  /** x: [G, N, D] -> [B, N, E] (LRA {@code combine_heads}). */
  public static INDArray mergeBatchMajor(INDArray x, int heads) {
    long b = x.size(0) / heads;
    long n = x.size(1);
    long d = x.size(2);
    return x.reshape('c', b, heads, n, d).permute(0, 2, 1, 3).dup('c').reshape('c', b, n, heads * d);
  }
}
