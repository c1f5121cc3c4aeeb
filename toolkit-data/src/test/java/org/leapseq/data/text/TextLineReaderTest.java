// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class TextLineReaderTest {
  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> lines(Path p, long start, long end) {
    List<String> out = new ArrayList<>();
    try (TextLineReader r = TextLineReader.open(p, start, end)) {
      for (String s = r.readLine(); s != null; s = r.readLine()) {
        out.add(s);
      }
    }
    return out;
  }

  static List<String> lines(Path p) {
    return lines(p, 0, Long.MAX_VALUE);
  }

  @Test
  void universalNewlinesOnly() throws IOException {
    assertEquals(List.of("a", "b", "c", "d"), lines(write("f", "a\nb\r\nc\rd")));
    assertEquals(List.of("a"), lines(write("g", "a\n")));
    assertEquals(List.of("a", ""), lines(write("h", "a\n\n")));
    assertEquals(List.of("", "", "x"), lines(write("i", "\r\r\nx\r")));
    assertEquals(List.of(), lines(write("j", "")));
    String inner = "p\u0085q\u2028r\u2029s\u000bt\u000cu\u001cv\u001dw\u001ex\u001fy";
    assertEquals(List.of(inner, "z"), lines(write("k", inner + "\r\nz")));
  }

  @Test
  void bomIsKept() throws IOException {
    assertEquals(List.of("\ufeffhello world", "x"), lines(write("bom", "\ufeffhello world\nx\n")));
  }

  @Test
  void linesLongerThanTheBufferAndSplitTerminators() throws IOException {
    int mib = 1 << 20;
    String a = "a".repeat(mib - 1);
    String b = "\u00e9".repeat(mib) + "\ud83d\ude00";
    String c = "c".repeat(3 * mib + 17);
    List<String> expected = List.of(a, b, "", c, "end");
    Path p = write("long", a + "\r\n" + b + "\r\r" + c + "\rend");
    assertEquals(expected, lines(p));
  }

  @Test
  void strictUtf8() throws IOException {
    int[][] bad = {
      {0xff}, {0x80}, {0xc0, 0x80}, {0xc1, 0xbf}, {0xe0, 0x80, 0x80}, {0xe0, 0x9f, 0xbf}, {0xed, 0xa0, 0x80},
      {0xed, 0xbf, 0xbf}, {0xf0, 0x8f, 0xbf, 0xbf}, {0xf4, 0x90, 0x80, 0x80}, {0xf5, 0x80, 0x80, 0x80},
      {0xe2, 0x82}, {0xe2, 0x82, 0x41}, {0xf0, 0x9f, 0x98}
    };
    for (int[] seq : bad) {
      byte[] bytes = bytes("ok\nab", seq, "\nz");
      Path p = write("bad", bytes);
      LeapseqException e = assertThrows(LeapseqException.class, () -> lines(p), Arrays.toString(seq));
      String expected = String.format("%s: line 2: invalid UTF-8 (byte 0x%02x at offset 5)", p, seq[0]);
      assertEquals(expected, e.getMessage());
    }
    int[][] good = {{0xed, 0x9f, 0xbf}, {0xee, 0x80, 0x80}, {0xef, 0xbf, 0xbf}, {0xf4, 0x8f, 0xbf, 0xbf}};
    for (int[] seq : good) {
      byte[] bytes = bytes("", seq, "");
      assertEquals(List.of(new String(bytes, StandardCharsets.UTF_8)), lines(write("good", bytes)));
    }
    assertEquals(List.of("\udbff\udfff"), lines(write("max", bytes("", new int[] {0xf4, 0x8f, 0xbf, 0xbf}, ""))));
  }

  private static byte[] bytes(String before, int[] seq, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    for (int b : seq) {
      out.write(b);
    }
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void invalidUtf8InAChunkReportsTheLineInTheWholeFile() throws IOException {
    StringBuilder sb = new StringBuilder();
    String[] ends = {"\n", "\r\n", "\r"};
    for (int i = 1; i <= 16; i++) {
      sb.append("line ").append(i).append(" \u00e9").append(ends[i % 3]);
    }
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    Path p = write("corpus.txt", bytes(sb.toString(), new int[] {'x', 0xff}, "\nline 18\n"));
    long[] offsets = TextLineReader.chunkOffsets(p, 2);
    assertTrue(offsets[1] > 0 && offsets[1] < head.length, Arrays.toString(offsets));
    LeapseqException e = assertThrows(LeapseqException.class, () -> lines(p, offsets[1], offsets[2]));
    String expected = String.format("%s: line 17: invalid UTF-8 (byte 0xff at offset %d)", p, head.length + 1);
    assertEquals(expected, e.getMessage());
    assertEquals(List.of("line 1 \u00e9", "line 2 \u00e9"), lines(p, 0, 20));
  }

  @Test
  void missingFileIsAOneLineError() {
    Path p = dir.resolve("nope.txt");
    LeapseqException e = assertThrows(LeapseqException.class, () -> TextLineReader.open(p));
    assertEquals(p + ": cannot read: no such file or directory", e.getMessage());
    e = assertThrows(LeapseqException.class, () -> TextLineReader.chunkOffsets(p, 3));
    assertEquals(p + ": cannot read: no such file or directory", e.getMessage());
  }
}
