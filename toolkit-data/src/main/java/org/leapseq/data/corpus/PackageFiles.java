// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/** Reading an unpacked package: listing its data files in a fixed order and streaming their lines. */
final class PackageFiles {
  private PackageFiles() {}

  /**
   * The regular files in {@code dir} whose whole name matches {@code name}, sorted by name; fails with a one-line
   * error naming {@code dir} and {@code expected} when there are none.
   */
  static List<Path> list(Path dir, Pattern name, String expected) {
    if (!Files.isDirectory(dir)) {
      throw LeapseqException.of("%s: not a directory (expected %s)", dir, expected);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> name.matcher(p.getFileName().toString()).matches())
          .filter(Files::isRegularFile)
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new LeapseqException(dir + ": cannot list: " + IoErrors.describe(e), e);
    }
    if (files.isEmpty()) {
      throw LeapseqException.of("%s: no corpus files found (expected %s)", dir, expected);
    }
    return files;
  }

  /** The file itself, or a one-line error naming it and {@code expected} when it is missing. */
  static Path require(Path file, String expected) {
    if (!Files.isRegularFile(file)) {
      throw LeapseqException.of("%s: no such file (expected %s)", file, expected);
    }
    return file;
  }

  /** Passes each line of a strictly decoded UTF-8 file, without its line terminator, to {@code sink}. */
  static void forEachLine(Path file, Consumer<String> sink) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        sink.accept(line);
      }
    } catch (CharacterCodingException e) {
      throw new LeapseqException(file + ": not valid UTF-8", e);
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
  }
}
