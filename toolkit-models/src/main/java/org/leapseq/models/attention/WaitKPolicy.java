// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.leapseq.core.Require;

/**
 * Wait-k with fixed pre-decision ({@code waitk_fixed_pre_decision}): the source is pooled by {@code ratio} frames
 * (floor at inference), target step i chooses pooled position {@code i + lagging - 1}, and pooled position p maps back
 * to frame {@code p*ratio + ratio - 1}. Heads then advance monotonically over the chosen frames.
 *
 * @param lagging k
 * @param ratio the pre-decision ratio
 */
public record WaitKPolicy(int lagging, int ratio) {
  /** Checks that both are positive. */
  public WaitKPolicy {
    Require.that(lagging > 0 && ratio > 0, "waitk lagging %d and ratio %d must be positive", lagging, ratio);
  }

  /** Where a head stopped and whether it wants more source. */
  public record MonotonicStep(int step, boolean read) {}

  /** p_choose over the srcLen received frames for 0-based target step tgtIndex: one 1 at most, [S]. */
  public double[] pChoose(int srcLen, int tgtIndex) {
    double[] p = new double[srcLen];
    int pooled = srcLen / ratio;
    int chosen = tgtIndex + lagging - 1;
    if (chosen < pooled) {
      p[chosen * ratio + ratio - 1] = 1.0;
    }
    return p;
  }

  /** Advances a head from its previous step while p_choose < 0.5, up to the last frame (mass preservation). */
  public static MonotonicStep advance(int previous, double[] pChoose) {
    int max = pChoose.length - 1;
    int step = Math.min(previous, max);
    boolean finished = step == max;
    while (!finished) {
      boolean readOne = pChoose[step] < 0.5;
      if (readOne) {
        step++;
      }
      finished = step == max || !readOne;
    }
    return new MonotonicStep(step, step == max && pChoose[step] < 0.5);
  }
}
