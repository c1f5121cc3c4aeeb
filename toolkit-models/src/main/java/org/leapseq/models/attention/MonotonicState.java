// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.leapseq.core.Require;

/**
 * Per-head monotonic positions of a wait-k cross-attention between decoding calls.
 *
 * @param headSteps [G] source frame each head stopped at, g = b*H + h
 * @param heads H
 */
public record MonotonicState(int[] headSteps, int heads) {
  /** Copies the steps and checks the group count. */
  public MonotonicState {
    headSteps = headSteps.clone();
    Require.that(heads > 0 && headSteps.length % heads == 0, "%d head steps not a multiple of %d heads",
        headSteps.length, heads);
  }

  /** A copy of the per-group steps, [G]. */
  @Override
  public int[] headSteps() {
    return headSteps.clone();
  }

  /** Every head at frame 0 for batch B. */
  public static MonotonicState start(int batch, int heads) {
    return new MonotonicState(new int[batch * heads], heads);
  }

  /** Head step of group g. */
  public int step(int g) {
    return headSteps[g];
  }

  /** New state whose batch element i is this state's element {@code order[i]} (beam search). */
  public MonotonicState reorder(int[] order) {
    int[] steps = new int[order.length * heads];
    for (int i = 0; i < order.length; i++) {
      System.arraycopy(headSteps, order[i] * heads, steps, i * heads, heads);
    }
    return new MonotonicState(steps, heads);
  }
}
