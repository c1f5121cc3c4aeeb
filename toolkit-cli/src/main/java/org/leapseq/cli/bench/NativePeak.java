// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;

/**
 * Peak memory while an action runs: a daemon thread samples the process's resident set ({@link
 * Pointer#physicalBytes()}) every millisecond. ND4J's CPU buffers are not counted by JavaCPP's {@code totalBytes}
 * nor by ND4J's allocation tracker (both stay near 0 while gigabytes are live), so RSS is the measure that sees them;
 * large buffers are mmapped and returned on release, so the level falls back after an action. Reported relative to
 * the level before the action (after a GC), so it is the memory the action itself needed. Under the launchers'
 * glibc settings freed buffers stay resident for reuse, so that difference is only meaningful for an action that
 * needs more than anything before it in the process; {@link #resetProcessPeak} and {@link #processPeakBytes} give
 * the process's own peak (the kernel's high-water mark, what {@code /usr/bin/time} reports) instead.
 */
final class NativePeak implements AutoCloseable {
  private final long baseline;
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  private NativePeak() {
    System.gc();
    try {
      Thread.sleep(50); // ND4J frees released buffers on its deallocator thread after the GC
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    baseline = Pointer.physicalBytes();
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
      peak.accumulateAndGet(Pointer.physicalBytes(), Math::max);
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Bytes above the baseline at the highest sample so far (the final level included). */
  long peakBytes() {
    peak.accumulateAndGet(Pointer.physicalBytes(), Math::max);
    return Math.max(0, peak.get() - baseline);
  }

  /** The highest resident set sampled so far, the whole process's (the final level included). */
  long peakLevelBytes() {
    return peak.accumulateAndGet(Pointer.physicalBytes(), Math::max);
  }

  /**
   * Restarts the kernel's record of this process's peak resident set at the current level (Linux: "5" written to
   * /proc/self/clear_refs); false where that is not possible.
   */
  static boolean resetProcessPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** The process's peak resident set since it started or since the last {@link #resetProcessPeak} (VmHWM). */
  static OptionalLong processPeakBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no such record
    }
    return OptionalLong.empty();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
