// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * A SWORD module in {@code mod2imp}'s import format: a line {@code $$$<key>} starts an entry, the lines up to the
 * next one are its OSIS text (joined with spaces). Only verse keys ({@code <Book> <chapter>:<verse>}) are kept;
 * book and chapter introductions ({@code Genesis 0:0}, {@code Genesis 1:0}) and module or testament headings are
 * skipped, and so are verses whose {@link OsisText#clean clean} text is empty. Verses keep file order; a repeated
 * key keeps its first position and its last text.
 */
final class ImpReader {
  private static final String START = "$$$";
  private static final Pattern VERSE = Pattern.compile(".+ [0-9]+:[0-9]+");
  private static final Pattern INTRO = Pattern.compile(".* [0-9]+:0");

  private ImpReader() {}

  /** Verse key to clean text, in file order. */
  static Map<String, String> read(Path imp) {
    Map<String, String> verses = new LinkedHashMap<>();
    int entries = 0;
    try (BufferedReader r = Files.newBufferedReader(imp, StandardCharsets.UTF_8)) {
      String key = null;
      List<String> buf = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith(START)) {
          flush(key, buf, verses);
          key = line.substring(START.length());
          buf.clear();
          entries++;
        } else {
          buf.add(line);
        }
      }
      flush(key, buf, verses);
    } catch (CharacterCodingException e) {
      throw new LeapseqException(imp + ": not valid UTF-8 (expected mod2imp output)", e);
    } catch (IOException e) {
      throw new LeapseqException(imp + ": cannot read: " + IoErrors.describe(e), e);
    }
    if (entries == 0) {
      throw LeapseqException.of("%s: no '$$$<key>' lines (expected the output of mod2imp MODULE)", imp);
    }
    return verses;
  }

  private static void flush(String key, List<String> buf, Map<String, String> verses) {
    if (key == null || !VERSE.matcher(key).matches() || INTRO.matcher(key).matches()) {
      return;
    }
    String text = OsisText.clean(String.join(" ", buf));
    if (!text.isEmpty()) {
      verses.put(key, text);
    }
  }
}
