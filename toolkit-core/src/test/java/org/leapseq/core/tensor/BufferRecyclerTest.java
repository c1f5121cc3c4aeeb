// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Boundaries called in a tight loop collect, but only as often as the pacing allows. */
class BufferRecyclerTest {
  @Test
  void collectsAtBoundariesWithinItsShareOfTime() {
    long before = BufferRecycler.collections();
    long inGc = 0;
    long start = System.nanoTime();
    while (System.nanoTime() - start < 1_500_000_000L) {
      long n = BufferRecycler.collections();
      long t = System.nanoTime();
      BufferRecycler.atBoundary();
      if (BufferRecycler.collections() != n) {
        inGc += System.nanoTime() - t;
      }
    }
    long elapsed = System.nanoTime() - start;
    long runs = BufferRecycler.collections() - before;
    assertTrue(runs >= 1, "no collection in 1.5 s of boundaries");
    assertTrue(inGc < 0.3 * elapsed, runs + " collections took " + inGc / 1e6 + " ms of " + elapsed / 1e6);
  }
}
