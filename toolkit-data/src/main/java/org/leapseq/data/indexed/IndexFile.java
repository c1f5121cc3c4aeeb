// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/** Positional little-endian reads from an index file, each failure a one-line error that names the file. */
final class IndexFile implements AutoCloseable {
  private static final int CHUNK = 1 << 20;

  private final Path path;
  private final FileChannel channel;
  private final long length;

  private IndexFile(Path path, FileChannel channel, long length) {
    this.path = path;
    this.channel = channel;
    this.length = length;
  }

  /** Opens {@code path} for reading. */
  static IndexFile open(Path path) {
    if (Files.isDirectory(path)) {
      throw LeapseqException.of("%s: cannot read: is a directory", path);
    }
    FileChannel ch = null;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ);
      return new IndexFile(path, ch, ch.size());
    } catch (IOException e) {
      closeQuietly(ch);
      throw cannotRead(path, e);
    }
  }

  /** {@code prefix} with {@code suffix} appended to its file name, e.g. {@code train} + {@code .idx}. */
  static Path withSuffix(Path prefix, String suffix) {
    Path name = prefix.getFileName();
    return prefix.resolveSibling((name == null ? "" : name.toString()) + suffix);
  }

  static LeapseqException cannotRead(Path path, IOException e) {
    return new LeapseqException(path + ": cannot read: " + IoErrors.describe(e), e);
  }

  long length() {
    return length;
  }

  /** A one-line error naming this file. */
  LeapseqException error(String format, Object... args) {
    return new LeapseqException(path + ": " + String.format(format, args));
  }

  /** Exactly {@code n} bytes from {@code pos}, as a little-endian buffer positioned at 0. */
  ByteBuffer read(long pos, int n) {
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    readFully(pos, b);
    return b.flip();
  }

  /** {@code n} little-endian int32 values from {@code pos}. */
  int[] readInts(long pos, int n) {
    int[] out = new int[n];
    for (int done = 0; done < n; ) {
      int k = Math.min(n - done, CHUNK / 4);
      read(pos + 4L * done, 4 * k).asIntBuffer().get(out, done, k);
      done += k;
    }
    return out;
  }

  /** {@code n} little-endian int64 values from {@code pos}. */
  long[] readLongs(long pos, int n) {
    long[] out = new long[n];
    for (int done = 0; done < n; ) {
      int k = Math.min(n - done, CHUNK / 8);
      read(pos + 8L * done, 8 * k).asLongBuffer().get(out, done, k);
      done += k;
    }
    return out;
  }

  private void readFully(long pos, ByteBuffer b) {
    try {
      while (b.hasRemaining()) {
        if (channel.read(b, pos + b.position()) < 0) {
          throw error("ends at byte %d while reading (was it changed while being read?)", pos + b.position());
        }
      }
    } catch (IOException e) {
      throw cannotRead(path, e);
    }
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // read-only resource: nothing is lost
      }
    }
  }
}
