// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.leapseq.core.LeapseqException;

/**
 * A read-only data file mapped in windows of at most {@link #DEFAULT_WINDOW} bytes, so files over 2 GiB can be
 * read; a range that straddles windows is copied into a heap buffer. Reads are absolute and thread-safe.
 */
final class MappedBin implements AutoCloseable {
  /** 1 GiB: a multiple of every item size, so aligned elements never straddle windows. */
  static final int DEFAULT_WINDOW = 1 << 30;

  private final Path path;
  private final long length;
  private final int window;
  private final ByteBuffer[] windows;

  private MappedBin(Path path, long length, int window, ByteBuffer[] windows) {
    this.path = path;
    this.length = length;
    this.window = window;
    this.windows = windows;
  }

  /** Maps {@code path} in windows of {@code window} bytes (positive). */
  static MappedBin open(Path path, int window) {
    if (window <= 0) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    if (Files.isDirectory(path)) {
      throw LeapseqException.of("%s: cannot read: is a directory", path);
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long length = ch.size();
      long count = (length + window - 1) / window;
      if (count > Integer.MAX_VALUE) {
        throw LeapseqException.of("%s: %d bytes is too large to map in %d-byte windows", path, length, window);
      }
      ByteBuffer[] windows = new ByteBuffer[(int) count];
      for (int k = 0; k < windows.length; k++) {
        long start = (long) k * window;
        windows[k] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(window, length - start));
      }
      return new MappedBin(path, length, window, windows);
    } catch (IOException e) {
      throw IndexFile.cannotRead(path, e);
    }
  }

  Path path() {
    return path;
  }

  long length() {
    return length;
  }

  /**
   * The bytes {@code [start, start + n)} as a little-endian buffer positioned at 0; a view of the mapping when
   * the range lies in one window, else a copy. The caller has checked the range against {@link #length()}.
   */
  ByteBuffer slice(long start, int n) {
    int k = (int) (start / window);
    int off = (int) (start - (long) k * window);
    if (n == 0) {
      return ByteBuffer.allocate(0);
    }
    if (off + (long) n <= windows[k].capacity()) {
      return windows[k].slice(off, n).order(ByteOrder.LITTLE_ENDIAN);
    }
    ByteBuffer copy = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    while (copy.hasRemaining()) {
      int take = Math.min(copy.remaining(), windows[k].capacity() - off);
      copy.put(windows[k].slice(off, take));
      k++;
      off = 0;
    }
    return copy.flip();
  }

  /** Drops the mappings; the JVM unmaps them once they are unreachable. */
  @Override
  public void close() {
    java.util.Arrays.fill(windows, null);
  }
}
