// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkingTest {
  static final String[] PIECES = {
    "a", "bc", "the", "\u00e9", "\u4e2d", "\ud83d\ude00", " ", "  ", "\t", "\u3000", "\u0085", "\u2028", "\ufeff", "x"
  };
  static final String[] ENDS = {"\n", "\r\n", "\r"};

  @TempDir Path dir;

  /** Random text: unicode, mixed line ends, empty lines, sometimes no final line end. */
  static String randomText(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int lines = rnd.nextInt(40);
    for (int i = 0; i < lines; i++) {
      int pieces = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(12);
      for (int k = 0; k < pieces; k++) {
        sb.append(PIECES[rnd.nextInt(PIECES.length)]);
      }
      if (i + 1 < lines || rnd.nextBoolean()) {
        sb.append(ENDS[rnd.nextInt(ENDS.length)]);
      }
    }
    return sb.toString();
  }

  /** Universal-newline split of a decoded string, as Python iterates a text file. */
  static List<String> referenceLines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
        start = i;
      } else {
        i++;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  /** fairseq find_offsets over raw bytes: after the first line end at or after chunk_size * i. */
  static long[] referenceOffsets(byte[] b, int n) {
    long[] off = new long[n + 1];
    int chunk = b.length / n;
    for (int i = 1; i < n; i++) {
      int p = chunk * i;
      while (p < b.length && b[p] != '\n' && b[p] != '\r') {
        p++;
      }
      if (p < b.length) {
        p += b[p] == '\r' && p + 1 < b.length && b[p + 1] == '\n' ? 2 : 1;
      }
      off[i] = p;
    }
    off[n] = b.length;
    return off;
  }

  @Test
  void chunksConcatenateToTheWholeFile() throws IOException {
    Random rnd = new Random(20240611L);
    for (int f = 0; f < 60; f++) {
      String text = randomText(rnd);
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      Path p = dir.resolve("f" + f + ".txt");
      Files.write(p, bytes);
      List<String> expected = referenceLines(text);
      assertEquals(expected, TextLineReaderTest.lines(p));
      for (int n = 1; n <= 7; n++) {
        long[] offsets = TextLineReader.chunkOffsets(p, n);
        assertArrayEquals(referenceOffsets(bytes, n), offsets, "file " + f + " chunks " + n);
        List<String> joined = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          joined.addAll(TextLineReaderTest.lines(p, offsets[k], offsets[k + 1]));
        }
        assertEquals(expected, joined, "file " + f + " chunks " + n);
      }
    }
  }

  @Test
  void moreChunksThanBytes() throws IOException {
    Path p = dir.resolve("tiny.txt");
    Files.writeString(p, "ab\r\nc");
    assertArrayEquals(new long[] {0, 4, 4, 4, 4, 4, 4, 4, 4, 5}, TextLineReader.chunkOffsets(p, 9));
    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "");
    assertArrayEquals(new long[] {0, 0, 0}, TextLineReader.chunkOffsets(empty, 2));
    assertEquals(List.of(), TextLineReaderTest.lines(empty, 0, 0));
  }
}
