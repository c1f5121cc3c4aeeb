// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

/** One of fairseq's {@code AudioFeatureTransform}s: features [T, D] in, a new [T, D] out. */
@FunctionalInterface
public interface FeatureTransform {
  double[][] apply(double[][] x);
}
