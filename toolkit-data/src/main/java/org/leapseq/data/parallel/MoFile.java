// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * A compiled gettext catalog ({@code .mo}): magic {@code 0x950412de} in either byte order (which sets the order of
 * every following number), revision, entry count N, then the offsets of two tables of N {@code (length, offset)}
 * pairs, one for the original strings and one for the translations. An original is {@code msgctxt\x04msgid}
 * when it has a context and {@code msgid\0msgid_plural} for plurals, whose translation holds the plural forms
 * separated by {@code \0}. The header is the translation of the empty original; its {@code charset=} names the
 * encoding of the translations (UTF-8 when absent).
 *
 * <pre>{@code
 * MoFile mo = MoFile.read(Path.of("/usr/share/locale/de/LC_MESSAGES/coreutils.mo"));
 * for (MoFile.Entry e : mo.entries()) { ... e.original() ... e.translation() ... }
 * }</pre>
 */
public final class MoFile {
  static final int MAGIC = 0x950412de;
  private static final Pattern CHARSET = Pattern.compile("charset=([-A-Za-z0-9_]+)");

  /** One raw entry: the original and translation bytes as stored (no terminating NUL). */
  public record Entry(byte[] original, byte[] translation) {
    /** True for the header entry (empty original). */
    public boolean isHeader() {
      return original.length == 0;
    }
  }

  private final Path path;
  private final ByteOrder order;
  private final List<Entry> entries;
  private final String charset;

  private MoFile(Path path, ByteOrder order, List<Entry> entries) {
    this.path = path;
    this.order = order;
    this.entries = List.copyOf(entries);
    this.charset = charsetOf(this.entries);
  }

  /** Reads a whole {@code .mo} file; a wrong magic, a truncated table or a string out of bounds is a one-line error. */
  public static MoFile read(Path file) {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
    return parse(file, data);
  }

  static MoFile parse(Path file, byte[] data) {
    if (data.length < 20) {
      throw LeapseqException.of("%s: %d bytes, too short for a .mo header (expected a compiled gettext catalog)",
          file, data.length);
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    ByteOrder order;
    if (b.getInt(0) == MAGIC) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (Integer.reverseBytes(b.getInt(0)) == MAGIC) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw LeapseqException.of("%s: bad magic 0x%08x (expected a compiled gettext catalog, magic 0x950412de)",
          file, b.getInt(0));
    }
    b.order(order);
    long n = Integer.toUnsignedLong(b.getInt(8));
    long originals = Integer.toUnsignedLong(b.getInt(12));
    long translations = Integer.toUnsignedLong(b.getInt(16));
    if (originals + 8 * n > data.length || translations + 8 * n > data.length) {
      throw LeapseqException.of("%s: %d entries do not fit in %d bytes (truncated .mo file?)", file, n, data.length);
    }
    List<Entry> entries = new ArrayList<>((int) n);
    for (int i = 0; i < n; i++) {
      entries.add(new Entry(string(file, b, originals + 8L * i, data), string(file, b, translations + 8L * i, data)));
    }
    return new MoFile(file, order, entries);
  }

  private static byte[] string(Path file, ByteBuffer b, long slot, byte[] data) {
    long len = Integer.toUnsignedLong(b.getInt((int) slot));
    long off = Integer.toUnsignedLong(b.getInt((int) slot + 4));
    if (off + len > data.length) {
      throw LeapseqException.of("%s: string at offset %d, length %d, runs past the end (%d bytes; truncated .mo file?)",
          file, off, len, data.length);
    }
    byte[] s = new byte[(int) len];
    System.arraycopy(data, (int) off, s, 0, (int) len);
    return s;
  }

  private static String charsetOf(List<Entry> entries) {
    for (Entry e : entries) {
      if (e.isHeader()) {
        Matcher m = CHARSET.matcher(new String(e.translation(), StandardCharsets.ISO_8859_1));
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return "utf-8";
  }

  /** The file read. */
  public Path path() {
    return path;
  }

  /** The byte order the magic number gave. */
  public ByteOrder order() {
    return order;
  }

  /** The entries in file order (sorted by original, as msgfmt writes them). */
  public List<Entry> entries() {
    return entries;
  }

  /** The header's {@code charset=} value as written (e.g. {@code UTF-8}, {@code ISO-8859-1}), else {@code utf-8}. */
  public String charset() {
    return charset;
  }
}
