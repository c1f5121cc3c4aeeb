// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

/** Seconds from an arbitrary origin, never going back (Python's {@code time.perf_counter()}); tests script it. */
@FunctionalInterface
public interface MonotonicClock {
  /** The system's monotonic clock. */
  MonotonicClock SYSTEM = () -> System.nanoTime() / 1e9;

  double seconds();
}
