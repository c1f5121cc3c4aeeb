// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Per-group loops over {@code [G, ...]} tensors with 2-D gemms (ND4J rank-3 matmul is slow). */
final class Groups {
  private Groups() {}

  /** Stacks {@code f(g)} for g in [0, G) along a new leading axis. */
  static INDArray map(int groups, IntFunction<INDArray> f) {
    INDArray[] parts = new INDArray[groups];
    for (int g = 0; g < groups; g++) {
      parts[g] = f.apply(g);
    }
    return Nd4j.stack(0, parts);
  }

  /** x: [G, N, F] -> the 2-D view [N, F] of group g. */
  static INDArray at(INDArray x, int g) {
    return x.slice(g);
  }

  /** Number of groups (leading dimension). */
  static int count(INDArray x) {
    return (int) x.size(0);
  }

  /** x: [G, N, F], s: [G, N, 1] -> x * s (scaled per row). */
  static INDArray scaleRows(INDArray x, INDArray s) {
    long[] shape = x.shape();
    INDArray rows = x.reshape('c', shape[0] * shape[1], shape[2]).dup('c');
    rows.muliColumnVector(s.reshape('c', shape[0] * shape[1], 1));
    return rows.reshape('c', shape);
  }
}
