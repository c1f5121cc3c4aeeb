// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;

/**
 * Peak native memory while an action runs: a daemon thread samples JavaCPP's count of live allocations
 * ({@link Pointer#totalBytes()}, where ND4J's CPU buffers live) every millisecond. Reported relative to the level
 * before the action, so it is the memory the action itself needed.
 */
final class NativePeak implements AutoCloseable {
  private final long baseline;
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  private NativePeak() {
    System.gc();
    baseline = Pointer.totalBytes();
    peak.set(baseline);
    sampler = new Thread(this::sample, "native-peak");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling now. */
  static NativePeak start() {
    return new NativePeak();
  }

  private void sample() {
    while (running) {
      peak.accumulateAndGet(Pointer.totalBytes(), Math::max);
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Bytes above the baseline at the highest sample so far (the final level included). */
  long peakBytes() {
    peak.accumulateAndGet(Pointer.totalBytes(), Math::max);
    return Math.max(0, peak.get() - baseline);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
