// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How linear attention normalises: fairseq floors the denominator with {@code clamp_min(den, 0.1)}; the LRA code
 * divides by it unchanged.
 *
 * @param floor the smallest denominator used; negative infinity means an exact division
 */
public record Denominator(double floor) {
  /** fairseq LeaPformer: {@code clamp_min(den, floor)}. */
  public static Denominator clampMin(double floor) {
    return new Denominator(floor);
  }

  /** LRA: no epsilon, no clamp. */
  public static Denominator exact() {
    return new Denominator(Double.NEGATIVE_INFINITY);
  }

  /** num: [N, D], den: [N, 1] -> num / floored(den), [N, D]. */
  INDArray divide(INDArray num, INDArray den) {
    return num.divColumnVector(floored(den));
  }

  /** den: [N, 1] -> max(den, floor), [N, 1]. */
  INDArray floored(INDArray den) {
    return Double.isInfinite(floor) ? den : Transforms.max(den, floor, true);
  }
}
