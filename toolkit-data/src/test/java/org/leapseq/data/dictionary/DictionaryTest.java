// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.dictionary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryTest {
  @TempDir Path dir;

  Path corpus(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  /** preprocess defaults: threshold 0, nwords -1, padding factor 8. */
  Dictionary build(String text) throws IOException {
    Dictionary d = Dictionary.countCorpus(List.of(corpus("c.txt", text)), 1);
    d.finish(0, -1, 8);
    return d;
  }

  static String saved(Dictionary d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    d.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static String pads(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(String.format("madeupword%04d 0", i)).append('\n');
    }
    return sb.toString();
  }

  @Test
  void workedExampleIsByteExact() throws IOException {
    Dictionary d = build("the cat sat\nthe  dog\nzebra Apple apple\n");
    String expected = "the 2\nApple 1\napple 1\ncat 1\ndog 1\nsat 1\nzebra 1\n" + pads(0, 5);
    assertEquals(expected, saved(d));
    assertEquals(16, d.size());
    assertArrayEquals(new int[] {4, 7, 9, 2}, d.encodeLine("the cat sat"));
    assertArrayEquals(new int[] {4, 8, 2}, d.encodeLine("the  dog"));
    assertArrayEquals(new int[] {10, 5, 6, 2}, d.encodeLine("zebra Apple apple"));
    Path saved = dir.resolve("dict.txt");
    d.save(saved);
    assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(saved));
    assertEquals(4, d.count(Dictionary.EOS));
    assertEquals(1, d.count(Dictionary.UNK));
    assertEquals(List.of("<s>", "<pad>", "</s>", "<unk>"), List.of(d.symbol(0), d.symbol(1), d.symbol(2), d.symbol(3)));
  }

  @Test
  void thresholdStopsAtTheFirstRareSymbol() throws IOException {
    Dictionary d = Dictionary.countCorpus(List.of(corpus("c.txt", "a a a a a b b b c c c d\n")), 1);
    d.finish(3, -1, 1);
    assertEquals("a 5\nb 3\nc 3\n", saved(d));
    assertEquals(Dictionary.UNK, d.index("d"));
  }

  @Test
  void nwordsIncludesTheSpecials() throws IOException {
    Dictionary d = Dictionary.countCorpus(List.of(corpus("c.txt", "a a a c c b b d\n")), 1);
    d.finish(-1, 6, 1);
    assertEquals("a 3\nb 2\n", saved(d));
    assertEquals(6, d.size());
    d = Dictionary.countCorpus(List.of(corpus("c.txt", "a a a c c b b d\n")), 1);
    d.finish(-1, 3, 8);
    assertEquals(pads(0, 4), saved(d));
  }

  @Test
  void paddingFactorOneAndEight() throws IOException {
    Dictionary one = Dictionary.countCorpus(List.of(corpus("c.txt", "x y z\n")), 1);
    one.finish(0, -1, 1);
    assertEquals(7, one.size());
    assertEquals("x 1\ny 1\nz 1\n", saved(one));
    Dictionary eight = build("x y z w\n");
    assertEquals(8, eight.size());
    assertEquals("w 1\nx 1\ny 1\nz 1\n", saved(eight));
    Dictionary nine = build("a b c d e\n");
    assertEquals(16, nine.size());
    assertEquals("a 1\nb 1\nc 1\nd 1\ne 1\n" + pads(0, 7), saved(nine));
  }

  @Test
  void tiesAreBrokenByCodePointNotUtf16() throws IOException {
    String emoji = "\ud83d\ude00";
    Dictionary d = build(emoji + " \uff01 \ue000 z \u00e9 Z q q\n");
    assertEquals("q 2\nZ 1\nz 1\n\u00e9 1\n\ue000 1\n\uff01 1\n" + emoji + " 1\n" + pads(0, 5), saved(d));
    assertFalse(emoji.compareTo("\uff01") > 0, "String.compareTo is UTF-16 order; the test relies on the difference");
  }

  @Test
  void literalMadeupwordInTheCorpusIsReusedByPadding() throws IOException {
    Dictionary d = build("madeupword0000 x\n");
    assertEquals("madeupword0000 1\nx 1\nmadeupword0001 0\nmadeupword0002 0\n", saved(d));
    assertEquals(8, d.size());
  }

  @Test
  void specialTokensInTheCorpusCountTowardsTheSpecials() throws IOException {
    Dictionary d = build("a <unk> </s>\n<unk> <pad>\n");
    assertEquals("a 1\n" + pads(0, 3), saved(d));
    assertEquals(1 + 2 + 1, d.count(Dictionary.EOS));
    assertEquals(1 + 2, d.count(Dictionary.UNK));
    assertEquals(2, d.count(Dictionary.PAD));
    assertEquals(1, d.count(Dictionary.BOS));
    LineEncoder e = d.encoder();
    assertEquals(5, e.encode("<unk> zz a nope"));
    assertArrayEquals(new int[] {3, 3, 4, 3, 2}, java.util.Arrays.copyOf(e.ids(), e.length()));
    assertEquals(2, e.replaced());
    assertEquals("<unk> <unk> a", d.toString(new int[] {0, 3, 3, 4, 1, 2}));
  }

  @Test
  void emptyLinesCountOneEosEach() throws IOException {
    Dictionary d = build("\n\n \nx\n");
    assertEquals(1 + 4, d.count(Dictionary.EOS));
    assertEquals("x 1\n" + pads(0, 3), saved(d));
    assertArrayEquals(new int[] {2}, d.encodeLine(" \u3000"));
  }

  @Test
  void lineEndsAreEquivalent() throws IOException {
    String lf = saved(build("a b\nb c\n\nc\n"));
    assertEquals(lf, saved(build("a b\r\nb c\r\n\r\nc\r\n")));
    assertEquals(lf, saved(build("a b\rb c\r\rc\r")));
    assertEquals(lf, saved(build("a b\rb c\r\n\nc")));
    assertEquals("b 2\nc 2\na 1\n" + pads(0, 1), lf);
  }

  @Test
  void pythonWhitespaceSeparatesTokensAndBomStays() throws IOException {
    StringBuilder sb = new StringBuilder("\ufeffthe");
    for (int cp : new int[] {0x0b, 0x0c, 0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xa0, 0x1680, 0x2000, 0x2005, 0x200a}) {
      sb.appendCodePoint(cp).append("t").append(Integer.toHexString(cp));
    }
    for (int cp : new int[] {0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0x09, 0x20}) {
      sb.appendCodePoint(cp).append("t").append(Integer.toHexString(cp));
    }
    sb.append(" a\u200bb c\u180ed the\n");
    Dictionary d = build(sb.toString());
    assertEquals(4 + 1 + 19 + 3, d.size() - countPads(d));
    assertEquals(4, d.index("a\u200bb"));
    assertEquals(d.size() - countPads(d) - 1, d.index("\ufeffthe"));
    assertEquals(1, d.count(d.index("the")));
    assertEquals(1, d.count(d.index("a\u200bb")));
    assertEquals(1, d.count(d.index("c\u180ed")));
    assertEquals(1, d.count(d.index("t85")));
    assertEquals(1, d.count(d.index("t3000")));
  }

  private static int countPads(Dictionary d) {
    int n = 0;
    for (int i = 0; i < d.size(); i++) {
      n += d.symbol(i).startsWith("madeupword") ? 1 : 0;
    }
    return n;
  }

  @Test
  void sha256IsOfTheSavedBytes() throws IOException, java.security.NoSuchAlgorithmException {
    Dictionary d = build("the cat sat\n");
    byte[] bytes = saved(d).getBytes(StandardCharsets.UTF_8);
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    assertEquals(java.util.HexFormat.of().formatHex(digest), d.sha256());
    assertEquals(64, d.sha256().length());
  }
}
