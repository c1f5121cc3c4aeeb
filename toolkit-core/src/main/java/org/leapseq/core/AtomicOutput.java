// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file written under a temporary name beside its target, then fsynced and renamed onto the target by
 * {@link #commit()}. Closing without a commit deletes the temporary file, so a crash, a full disk or an error
 * never leaves partial output under the final name.
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(path)) {
 *   out.stream().write(bytes);
 *   out.commit();
 * }
 * }</pre>
 */
public final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final OutputStream stream;
  private boolean committed;
  private boolean closed;

  private AtomicOutput(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
    this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
  }

  /** Opens a temporary file in the target's directory; fails with a one-line error if it cannot be written. */
  public static AtomicOutput create(Path target) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    try {
      Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      readableByAll(temp);
      FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      return new AtomicOutput(abs, temp, ch);
    } catch (IOException e) {
      throw new LeapseqException(target + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  /** The final path. */
  public Path target() {
    return target;
  }

  /** The buffered stream to write to; do not close it directly. */
  public OutputStream stream() {
    return stream;
  }

  /** The underlying channel (positioned after whatever was written through {@link #stream()} after a flush). */
  public FileChannel channel() throws IOException {
    stream.flush();
    return channel;
  }

  /** Flushes, fsyncs, and renames the temporary file onto the target (replacing it). */
  public void commit() {
    try {
      stream.flush();
      channel.force(true);
      channel.close();
      closed = true;
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
      syncDirectory(target.getParent());
    } catch (IOException e) {
      throw new LeapseqException(target + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        channel.close();
      } catch (IOException ignored) {
        // the temporary file is deleted below either way
      }
    }
    if (!committed) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // nothing more can be done; the name is a hidden temporary one
      }
    }
  }

  /** createTempFile makes the file private (0600); outputs get the usual rw-r--r-- like any written file. */
  private static void readableByAll(Path temp) throws IOException {
    if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException ignored) {
      // some file systems cannot fsync a directory; the rename itself has happened
    }
  }
}
