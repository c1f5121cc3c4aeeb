// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Array helpers shared by the fused ops: contiguous copies, per-group row views, triangles, augmented values. */
final class OpArrays {
  private OpArrays() {}

  /** x itself when it is a c-ordered array without offset tricks, else a c-ordered copy. */
  static INDArray contiguous(INDArray x) {
    return x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
  }

  /** x: [G, T, F] (c-ordered) -> rows [start, end) of group g, a contiguous [end - start, F] view. */
  static INDArray rows(INDArray x, int g, int start, int end) {
    return x.slice(g).get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
  }

  /** [n, n] with 1 on and below the diagonal, 0 above (built by hand: {@code Nd4j.tri} is unreliable). */
  static INDArray lowerTriangle(int n, DataType dtype) {
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        m[i * n + j] = 1.0;
      }
    }
    return Nd4j.create(m, new long[] {n, n}, dtype);
  }

  /** v: [G, S, D] -> [v | 1]: [G, S, D + 1]; the ones column turns every numerator product into num and den. */
  static INDArray augment(INDArray v) {
    return Nd4j.concat(2, v, Nd4j.ones(v.dataType(), v.size(0), v.size(1), 1));
  }

  /** gAug: [G, S, D + 1] -> its first D columns as a new c-ordered [G, S, D] array (the value gradient). */
  static INDArray dropLastColumn(INDArray gAug) {
    long d = gAug.size(2) - 1;
    return gAug.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup('c');
  }
}
