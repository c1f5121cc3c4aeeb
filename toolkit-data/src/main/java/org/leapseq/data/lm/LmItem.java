// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

/**
 * One language-model example, fairseq's {@code {"id", "source", "target"}}: the model reads {@code source} and
 * predicts {@code target} position by position; both have the same length. The arrays are not
 * copied, so record equality compares them by identity.
 */
public record LmItem(int id, int[] source, int[] target) {
  /** The number of positions. */
  public int length() {
    return target.length;
  }
}
