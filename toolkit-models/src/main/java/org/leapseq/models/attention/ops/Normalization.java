// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.Denominator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The division that ends linear attention: {@code out = num / max(den, floor)} with num and den the columns of the
 * augmented numerator. Like PyTorch's {@code clamp_min}, the denominator's gradient passes where den >= floor and
 * is zero below it; {@link Denominator#exact()} divides unchanged.
 */
final class Normalization {
  private Normalization() {}

  /** numAug: [G, T, D + 1] (last column den) -> [G, T, D]. */
  static Tensor apply(Tensor numAug, Denominator denominator) {
    long[] shape = numAug.shape();
    long d = shape[2] - 1;
    INDArray rows = OpArrays.contiguous(numAug.value()).reshape('c', shape[0] * shape[1], d + 1);
    INDArray den = rows.getColumn(d).reshape(rows.size(0), 1);
    boolean exact = Double.isInfinite(denominator.floor());
    INDArray used = exact ? den.dup() : Transforms.max(den, denominator.floor(), true);
    INDArray out = rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).divColumnVector(used);
    long n = rows.size(0);
    // the backward keeps out, used and the [N, 1] floor mask, not the augmented numerator (den is a view of it)
    INDArray unclamped = exact ? null : den.gte(denominator.floor()).castTo(den.dataType());
    Tensor.Slot ns = numAug.slot();
    return Tensor.record(out.reshape('c', shape[0], shape[1], d), g -> {
      INDArray g2 = g.reshape('c', n, d);
      INDArray gNum = g2.divColumnVector(used);
      // d out / d used = -out / used, summed over the D output columns
      INDArray gDen = gNum.mul(out).sum(1).reshape(n, 1).negi();
      if (unclamped != null) {
        gDen.muli(unclamped);
      }
      INDArray gAug = Nd4j.concat(1, gNum, gDen);
      ns.addFreshGrad(gAug.reshape('c', shape));
    }, numAug);
  }
}
