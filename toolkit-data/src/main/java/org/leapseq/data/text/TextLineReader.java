// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;

/**
 * Reads the lines of a UTF-8 text file as Python's {@code open(f, encoding="utf-8")} iterates them: a line ends
 * at {@code \n}, {@code \r\n} or a lone {@code \r} and at nothing else (U+0085, U+2028 and friends stay inside the
 * line), decoding is strict, and a byte order mark is kept as a character. Lines come back without their
 * terminator.
 *
 * <p>A reader may cover a byte range {@code [start, end)} of the file, as fairseq's {@code Chunker} does: it
 * treats {@code start} as the beginning of a line and yields every line that starts before {@code end}.
 * Ranges from {@link #chunkOffsets} split the file at line boundaries, so the chunks' lines, concatenated in
 * order, are exactly the file's lines. Invalid UTF-8 fails with a one-line {@link LeapseqException} naming the
 * file and the 1-based line number in the whole file, whatever the range. Not thread-safe; use one per worker.
 */
public final class TextLineReader implements AutoCloseable {
  private static final int BUFFER = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final long end;
  private byte[] buf = new byte[BUFFER];
  private char[] chars = new char[256];
  private int pos;
  private int lim;
  private long bufStart;
  private boolean eof;

  private TextLineReader(Path file, FileChannel channel, long start, long end) {
    this.file = file;
    this.channel = channel;
    this.bufStart = start;
    this.end = end;
  }

  /** Opens the whole file; a missing file fails with "FILE: cannot read: no such file or directory". */
  public static TextLineReader open(Path file) {
    return open(file, 0, Long.MAX_VALUE);
  }

  /** Opens the lines of {@code file} that start at byte positions in {@code [start, end)}. */
  public static TextLineReader open(Path file, long start, long end) {
    Require.that(start >= 0 && start <= end, "%s: bad byte range [%d, %d)", file, start, end);
    FileChannel ch = LineEnds.open(file);
    try {
      ch.position(start);
    } catch (IOException e) {
      closeQuietly(ch);
      throw LineEnds.cannotRead(file, e);
    }
    return new TextLineReader(file, ch, start, end);
  }

  /**
   * fairseq {@code find_offsets(file, chunks)}: {@code chunks + 1} byte offsets where {@code [0] = 0},
   * {@code [chunks] = size} and offset {@code i} is just after the first line end at or after
   * {@code (size / chunks) * i}. Chunks may be empty.
   */
  public static long[] chunkOffsets(Path file, int chunks) {
    Require.that(chunks >= 1, "number of chunks must be at least 1, got %d", chunks);
    return LineEnds.chunkOffsets(file, chunks);
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** The next line without its terminator, or {@code null} when the range or the file is exhausted. */
  public String readLine() {
    if (bufStart + pos >= end) {
      return null;
    }
    int scanned = pos;
    int bits = 0;
    while (true) {
      int i = scanned;
      byte[] a = buf;
      int n = lim;
      while (i < n) {
        byte b = a[i];
        if (b == '\n' || b == '\r') {
          break;
        }
        bits |= b;
        i++;
      }
      if (i < n && (a[i] == '\n' || i + 1 < n || eof)) {
        return takeLine(i, bits, a[i] == '\r' && i + 1 < n && a[i + 1] == '\n' ? 2 : 1);
      }
      if (eof) {
        return pos == lim ? null : takeLine(lim, bits, 0);
      }
      scanned = i - pos;
      fill();
      scanned += pos;
    }
  }

  private String takeLine(int lineEnd, int bits, int terminator) {
    String s = bits >= 0 ? asciiString(lineEnd) : decoded(lineEnd);
    pos = lineEnd + terminator;
    return s;
  }

  private String asciiString(int lineEnd) {
    return new String(buf, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
  }

  private String decoded(int lineEnd) {
    int len = lineEnd - pos;
    if (chars.length < len) {
      chars = new char[Math.max(len, chars.length * 2)];
    }
    int n = Utf8.decode(buf, pos, lineEnd, chars);
    if (n < 0) {
      throw invalid(-n - 1);
    }
    return new String(chars, 0, n);
  }

  private LeapseqException invalid(int index) {
    long offset = bufStart + index;
    String where;
    try {
      where = "line " + LineEnds.lineNumberAt(channel, offset);
    } catch (IOException e) {
      where = "line unknown";
    }
    return LeapseqException.of(
        "%s: %s: invalid UTF-8 (byte 0x%02x at offset %d)", file, where, buf[index] & 0xFF, offset);
  }

  /** Keeps the unread bytes, moving them to the front (growing the buffer if full), and reads more. */
  private void fill() {
    int keep = lim - pos;
    if (keep == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    } else if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, keep);
    }
    bufStart += pos;
    pos = 0;
    lim = keep;
    try {
      int n = 0;
      while (n == 0) {
        n = channel.read(ByteBuffer.wrap(buf, lim, buf.length - lim));
      }
      if (n < 0) {
        eof = true;
      } else {
        lim += n;
      }
    } catch (IOException e) {
      throw LineEnds.cannotRead(file, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw LineEnds.cannotRead(file, e);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // already failing with a more useful error
    }
  }
}
