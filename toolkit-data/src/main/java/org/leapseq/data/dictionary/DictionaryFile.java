// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.dictionary;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.text.PyWhitespace;
import org.leapseq.data.text.TextLineReader;

/**
 * The {@code dict.txt} format: one {@code "SYMBOL COUNT"} line per non-special index, read as fairseq's
 * {@code add_from_file} does (each line right-stripped, then split on its last space; an optional trailing
 * {@code #fairseq:overwrite} flag allows a duplicate word, which then gets a new index).
 */
final class DictionaryFile {
  static final String OVERWRITE = "#fairseq:overwrite";

  private DictionaryFile() {}

  static void read(Dictionary d, Path file) {
    try (TextLineReader r = TextLineReader.open(file)) {
      long lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        addLine(d, file, lineNo, line);
      }
    }
  }

  private static void addLine(Dictionary d, Path file, long lineNo, String raw) {
    String line = PyWhitespace.rstrip(raw);
    int sp = line.lastIndexOf(' ');
    if (sp < 0) {
      throw badLine(file, lineNo, raw);
    }
    String word = line.substring(0, sp);
    String field = line.substring(sp + 1);
    boolean overwrite = field.equals(OVERWRITE);
    if (overwrite) {
      sp = word.lastIndexOf(' ');
      if (sp < 0) {
        throw badLine(file, lineNo, raw);
      }
      field = word.substring(sp + 1);
      word = word.substring(0, sp);
    }
    long count = parseCount(field, file, lineNo, raw);
    if (overwrite) {
      d.appendSymbol(word, count);
    } else if (d.contains(word)) {
      throw LeapseqException.of(
          "%s: line %d: duplicate word '%s' (add ' %s' to the line to allow it)", file, lineNo, word, OVERWRITE);
    } else {
      d.addSymbol(word, count);
    }
  }

  private static long parseCount(String field, Path file, long lineNo, String raw) {
    try {
      return PyInt.parse(field);
    } catch (NumberFormatException e) {
      throw badLine(file, lineNo, raw);
    } catch (ArithmeticException e) {
      throw LeapseqException.of("%s: line %d: count out of range: \"%s\"", file, lineNo, raw);
    }
  }

  private static LeapseqException badLine(Path file, long lineNo, String raw) {
    return LeapseqException.of(
        "%s: line %d: expected '<token> <count> [%s]', got: \"%s\"", file, lineNo, OVERWRITE, raw);
  }

  /** Writes {@code "SYMBOL COUNT\n"} for indices {@code 4..}, UTF-8; unpaired surrogates are rejected. */
  static void write(List<String> symbols, long[] counts, OutputStream out) throws IOException {
    byte[] buf = new byte[1 << 16];
    int n = 0;
    for (int i = Dictionary.NSPECIAL; i < symbols.size(); i++) {
      byte[] line = (checked(symbols.get(i), i) + " " + counts[i] + "\n").getBytes(StandardCharsets.UTF_8);
      if (n + line.length > buf.length) {
        out.write(buf, 0, n);
        n = 0;
      }
      if (line.length > buf.length) {
        out.write(line);
      } else {
        System.arraycopy(line, 0, buf, n, line.length);
        n += line.length;
      }
    }
    out.write(buf, 0, n);
    out.flush();
  }

  private static String checked(String symbol, int index) {
    for (int k = 0; k < symbol.length(); k++) {
      char c = symbol.charAt(k);
      if (Character.isHighSurrogate(c)
          && k + 1 < symbol.length()
          && Character.isLowSurrogate(symbol.charAt(k + 1))) {
        k++;
      } else if (Character.isSurrogate(c)) {
        throw LeapseqException.of("dictionary symbol %d is not valid Unicode (unpaired surrogate)", index);
      }
    }
    return symbol;
  }
}
