// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

/**
 * One language-model example, fairseq's {@code {"id", "source", "target"}}: the model reads {@code source} and
 * predicts {@code target} position by position; both have the same length. Arrays are not copied.
 */
public record LmItem(int id, int[] source, int[] target) {
  /** The number of positions. */
  public int length() {
    return target.length;
  }
}
