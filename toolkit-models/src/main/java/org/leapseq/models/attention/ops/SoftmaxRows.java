// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.leapseq.models.attention.KeyPadding;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Masked row softmax over the key axis of [G, T, S] scores, with fully masked rows set to 0. */
final class SoftmaxRows {
  private SoftmaxRows() {}

  /** scores: [G, T, S] (overwritten) -> probabilities [G, T, S]; padded keys and mask -inf entries get 0. */
  static INDArray probabilities(INDArray raw, AdditiveMask mask, KeyPadding padding) {
    INDArray scores = OpArrays.contiguous(raw);
    long groups = scores.size(0);
    long t = scores.size(1);
    long s = scores.size(2);
    if (!mask.isNone()) {
      scores.reshape('c', groups, t * s).addiRowVector(mask.bias(t, s, scores.dataType()).reshape('c', 1, t * s));
    }
    if (!padding.isNone()) {
      INDArray bias = padBias(padding, groups, s, scores);
      for (int g = 0; g < groups; g++) {
        scores.slice(g).addiRowVector(bias.getRow(g));
      }
    }
    INDArray rows = scores.reshape('c', groups * t, s);
    INDArray max = rows.max(1).reshape(groups * t, 1);
    BooleanIndexing.replaceWhere(max, 0.0, Conditions.isInfinite());
    INDArray e = Transforms.exp(rows.subiColumnVector(max), false);
    INDArray sum = e.sum(1).reshape(groups * t, 1);
    BooleanIndexing.replaceWhere(sum, 1.0, Conditions.equals(0.0));
    return e.diviColumnVector(sum).reshape('c', groups, t, s);
  }

  /** p, gp: [G, T, S] -> the score gradient p * (gp - rowsum(gp * p)), [G, T, S]. */
  static INDArray backward(INDArray p, INDArray gp) {
    long s = p.size(2);
    INDArray p2 = p.reshape('c', p.length() / s, s);
    INDArray g2 = gp.reshape('c', gp.length() / s, s);
    INDArray dot = g2.mul(p2).sum(1).reshape(p2.size(0), 1);
    return g2.subColumnVector(dot).muli(p2).reshape('c', p.shape());
  }

  /** [G, S]: 0 for valid keys, negative infinity for padded ones. */
  private static INDArray padBias(KeyPadding padding, long groups, long s, INDArray like) {
    INDArray valid = padding.zeroPadded(Nd4j.ones(like.dataType(), groups, s, 1)).reshape('c', groups, s);
    INDArray bias = valid.rsub(1.0);
    BooleanIndexing.replaceWhere(bias, Double.NEGATIVE_INFINITY, Conditions.greaterThan(0.5));
    return bias;
  }
}
