// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.dictionary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class DictionaryLoadTest {
  @TempDir Path dir;

  Path dictFile(String text) throws IOException {
    Path p = dir.resolve("dict.txt");
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  String loadError(String text) throws IOException {
    Path p = dictFile(text);
    return assertThrows(LeapseqException.class, () -> Dictionary.load(p)).getMessage();
  }

  @Test
  void loadsInFileOrderWithoutPadding() throws IOException {
    Dictionary d = Dictionary.load(dictFile("b 7\na 9\r\nc -2\n"));
    assertEquals(7, d.size());
    assertEquals(4, d.index("b"));
    assertEquals(9, d.count(d.index("a")));
    assertEquals(-2, d.count(6));
    assertEquals(1, d.count(Dictionary.EOS));
  }

  @Test
  void splitsOnTheLastSpaceSoWordsMayContainSpaces() throws IOException {
    Dictionary d = Dictionary.load(dictFile("new york 3\n a 2\nb\u3000c 1 \t\n"));
    assertEquals(4, d.index("new york"));
    assertEquals(3, d.count(4));
    assertEquals(5, d.index(" a"));
    assertEquals(6, d.index("b\u3000c"));
  }

  @Test
  void countsParseAsPythonInt() throws IOException {
    Dictionary d = Dictionary.load(dictFile("a +5\nb 1_000\nc \u0663\nd 007\n"));
    assertArrayEquals(new long[] {5, 1000, 3, 7}, new long[] {d.count(4), d.count(5), d.count(6), d.count(7)});
  }

  @Test
  void overwriteAppendsANewIndex() throws IOException {
    Dictionary d = Dictionary.load(dictFile("a 1\nb 2\na 5 #fairseq:overwrite\n<unk> 9 #fairseq:overwrite\n"));
    assertEquals(8, d.size());
    assertEquals(6, d.index("a"));
    assertEquals("a", d.symbol(4));
    assertEquals(5, d.count(6));
    assertEquals(7, d.index("<unk>"));
    assertEquals(Dictionary.UNK, d.index("never seen"));
  }

  @Test
  void duplicatesAreRejectedIncludingSpecials() throws IOException {
    String expected = dir.resolve("dict.txt") + ": line 3: duplicate word 'a' (add ' #fairseq:overwrite' to the line"
        + " to allow it)";
    assertEquals(expected, loadError("a 1\nb 2\na 3\n"));
    assertEquals(dir.resolve("dict.txt") + ": line 1: duplicate word '</s>' (add ' #fairseq:overwrite' to the line"
        + " to allow it)", loadError("</s> 4\n"));
  }

  @Test
  void badLinesAreRejected() throws IOException {
    String prefix = dir.resolve("dict.txt") + ": line 2: expected '<token> <count> [#fairseq:overwrite]', got: ";
    assertEquals(prefix + "\"nocount\"", loadError("a 1\nnocount\n"));
    assertEquals(prefix + "\"a b\"", loadError("x 1\na b\n"));
    assertEquals(prefix + "\"\"", loadError("x 1\n\n"));
    assertEquals(prefix + "\"a 1_\"", loadError("x 1\na 1_\n"));
    assertEquals(prefix + "\"a 1.5\"", loadError("x 1\na 1.5\n"));
    assertEquals(prefix + "\"5 #fairseq:overwrite\"", loadError("x 1\n5 #fairseq:overwrite\n"));
    Dictionary flagInWord = Dictionary.load(dictFile("a #fairseq:overwrite 3\n"));
    assertEquals(4, flagInWord.index("a #fairseq:overwrite"));
  }

  @Test
  void missingFileIsAOneLineError() {
    Path p = dir.resolve("absent.txt");
    LeapseqException e = assertThrows(LeapseqException.class, () -> Dictionary.load(p));
    assertEquals(p + ": cannot read: no such file or directory", e.getMessage());
  }

  @Test
  void saveLoadSaveIsByteIdentical() throws IOException {
    String text = "the 2\nnew york 1\n\u00e9\ud83d\ude00 1\n\u0085x 1\nmadeupword0000 0\n";
    Dictionary d = Dictionary.load(dictFile(text));
    Path again = dir.resolve("again.txt");
    d.save(again);
    assertEquals(text, Files.readString(again, StandardCharsets.UTF_8));
    Dictionary e = Dictionary.load(again);
    Path third = dir.resolve("third.txt");
    e.save(third);
    assertArrayEquals(Files.readAllBytes(again), Files.readAllBytes(third));
    assertEquals(d.sha256(), e.sha256());
  }
}
