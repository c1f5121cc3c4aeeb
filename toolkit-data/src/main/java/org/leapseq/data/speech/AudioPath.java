// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.nio.file.Path;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;

/**
 * A manifest's {@code audio} column: a plain file, or {@code file:offset:length}, the byte range of one member's
 * data inside an uncompressed zip (fairseq's {@code parse_path}). {@code length} is -1 for a plain file.
 */
public record AudioPath(Path file, long offset, long length) {
  public AudioPath {
    Require.that(file != null, "audio path must not be null");
    Require.that(length == -1 ? offset == 0 : offset >= 0 && length > 0, "bad byte range %d:%d in %s", offset,
        length, file);
  }

  /** A whole file. */
  public static AudioPath of(Path file) {
    return new AudioPath(file, 0, -1);
  }

  /** True for {@code file:offset:length}. */
  public boolean isSlice() {
    return length >= 0;
  }

  /**
   * Parses a manifest value; a relative file is resolved against {@code root} (fairseq's {@code audio_root}, or the
   * manifest's directory). A malformed value is a one-line error quoting it.
   */
  public static AudioPath parse(String value, Path root) {
    String[] parts = value.split(":", -1);
    if (parts.length != 1 && parts.length != 3 || parts[0].isEmpty()) {
      throw new LeapseqException("bad audio path '" + value + "': expected FILE or FILE.zip:OFFSET:LENGTH");
    }
    Path file = root.resolve(parts[0]);
    if (parts.length == 1) {
      return of(file);
    }
    try {
      return new AudioPath(file, Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException | LeapseqException e) {
      throw new LeapseqException("bad audio path '" + value + "': OFFSET and LENGTH must be a byte offset >= 0"
          + " and a length > 0");
    }
  }

  /** The manifest form, with {@code file} written as given (absolute or relative to the reader's root). */
  public String format(Path relativeTo) {
    String f = relativeTo == null ? file.toString() : relativeTo.relativize(file).toString();
    return isSlice() ? f + ":" + offset + ":" + length : f;
  }
}
