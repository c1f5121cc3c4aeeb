// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * Byte-level scans for universal line ends ({@code \n}, {@code \r\n}, lone {@code \r}) used to pick chunk
 * boundaries and, on the error path only, to turn a byte offset into a 1-based line number.
 */
final class LineEnds {
  private static final int BLOCK = 1 << 16;

  private LineEnds() {}

  /** Opens {@code file} for reading, or fails with "FILE: cannot read: REASON". */
  static FileChannel open(Path file) {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
  }

  static LeapseqException cannotRead(Path file, IOException e) {
    return new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
  }

  /** fairseq {@code find_offsets}: chunk starts at line boundaries; {@code [0] = 0}, {@code [chunks] = size}. */
  static long[] chunkOffsets(Path file, int chunks) {
    try (FileChannel ch = open(file)) {
      long size = ch.size();
      long chunkSize = size / chunks;
      long[] offsets = new long[chunks + 1];
      for (int i = 1; i < chunks; i++) {
        offsets[i] = afterNextLineEnd(ch, chunkSize * i, size);
      }
      offsets[chunks] = size;
      return offsets;
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
  }

  /** The position just after the first line end at or after {@code from} ({@code \r\n} as one), or {@code size}. */
  static long afterNextLineEnd(FileChannel ch, long from, long size) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(BLOCK);
    long pos = from;
    boolean pendingCr = false;
    while (pos < size) {
      bb.clear();
      int n = ch.read(bb, pos);
      if (n <= 0) {
        break;
      }
      byte[] a = bb.array();
      for (int k = 0; k < n; k++) {
        byte b = a[k];
        if (pendingCr) {
          return b == '\n' ? pos + k + 1 : pos + k;
        }
        if (b == '\n') {
          return pos + k + 1;
        }
        pendingCr = b == '\r';
      }
      pos += n;
    }
    return size;
  }

  /** The 1-based number of the line holding byte {@code offset}: one plus the line ends before it. */
  static long lineNumberAt(FileChannel ch, long offset) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(BLOCK);
    long ends = 0;
    boolean prevCr = false;
    long pos = 0;
    while (pos < offset) {
      bb.clear().limit((int) Math.min(BLOCK, offset - pos));
      int n = ch.read(bb, pos);
      if (n <= 0) {
        break;
      }
      byte[] a = bb.array();
      for (int k = 0; k < n; k++) {
        byte b = a[k];
        if ((prevCr && b != '\n') || b == '\n') {
          ends++;
        }
        prevCr = b == '\r';
      }
      pos += n;
    }
    return ends + (prevCr ? 2 : 1);
  }
}
