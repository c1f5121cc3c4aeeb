// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The committed fixtures in {@code src/test/resources/parallel} (see the README there). */
final class Fixtures {
  private Fixtures() {}

  static Path file(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/parallel/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource parallel/" + name, e);
    }
  }

  static List<String> lines(String name) {
    try {
      return Files.readAllLines(file(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> tsv(List<ParallelPair> pairs) {
    return pairs.stream().map(p -> p.id() + "\t" + p.src() + "\t" + p.tgt()).toList();
  }
}
