// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

/** A clock the test moves by hand. */
final class ScriptedClock implements MonotonicClock {
  private double now = 1000.0;

  @Override
  public double seconds() {
    return now;
  }

  void advance(double s) {
    now += s;
  }
}
