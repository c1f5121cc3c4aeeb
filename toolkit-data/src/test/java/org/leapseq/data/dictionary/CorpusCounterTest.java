// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class CorpusCounterTest {
  static final String[] WORDS = {
    "the", "a", "of", "\u00e9t\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "\uff01", "\ue000", "<unk>", "</s>", "Z", "z"
  };
  static final String[] SEPARATORS = {" ", "  ", "\t", "\u3000", "\u0085", "\u00a0"};
  static final String[] ENDS = {"\n", "\r\n", "\r"};

  @TempDir Path dir;

  static String randomCorpus(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int lines = rnd.nextInt(300);
    for (int i = 0; i < lines; i++) {
      int n = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(15);
      for (int k = 0; k < n; k++) {
        sb.append(SEPARATORS[rnd.nextInt(SEPARATORS.length)]);
        sb.append(rnd.nextInt(4) == 0 ? "w" + rnd.nextInt(50) : WORDS[rnd.nextInt(WORDS.length)]);
      }
      if (i + 1 < lines || rnd.nextBoolean()) {
        sb.append(ENDS[rnd.nextInt(ENDS.length)]);
      }
    }
    return sb.toString();
  }

  @Test
  void workerCountDoesNotChangeTheResult() throws IOException {
    Random rnd = new Random(7L);
    for (int round = 0; round < 12; round++) {
      List<Path> files = new ArrayList<>();
      for (int f = 0; f < 1 + round % 3; f++) {
        Path p = dir.resolve("r" + round + "f" + f + ".txt");
        Files.write(p, randomCorpus(rnd).getBytes(StandardCharsets.UTF_8));
        files.add(p);
      }
      String reference = null;
      for (int workers = 1; workers <= 4; workers++) {
        Dictionary d = Dictionary.countCorpus(files, workers);
        d.finish(0, -1, 8);
        String saved = DictionaryTest.saved(d);
        if (reference == null) {
          reference = saved;
        }
        assertEquals(reference, saved, "round " + round + " workers " + workers);
      }
    }
  }

  @Test
  void eosCountsEveryLineOfEveryFile() throws IOException {
    Path a = dir.resolve("a.txt");
    Path b = dir.resolve("b.txt");
    Files.writeString(a, "x\n\ny\r\nz");
    Files.writeString(b, "x x\r\r");
    for (int workers = 1; workers <= 5; workers++) {
      Dictionary d = Dictionary.countCorpus(List.of(a, b), workers);
      assertEquals(1 + 4 + 2, d.count(Dictionary.EOS));
      assertEquals(3, d.count(d.index("x")));
      assertEquals(List.of("x", "y", "z"), List.of(d.symbol(4), d.symbol(5), d.symbol(6)));
    }
  }

  @Test
  void errorsFromWorkersKeepTheirMessage() throws IOException {
    Path p = dir.resolve("bad.txt");
    byte[] good = "ok line\n".repeat(50).getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[good.length + 2];
    System.arraycopy(good, 0, bytes, 0, good.length);
    bytes[good.length] = (byte) 0xc3;
    bytes[good.length + 1] = '\n';
    Files.write(p, bytes);
    LeapseqException e = assertThrows(LeapseqException.class, () -> Dictionary.countCorpus(List.of(p), 3));
    assertEquals(p + ": line 51: invalid UTF-8 (byte 0xc3 at offset " + good.length + ")", e.getMessage());
    assertTrue(Dictionary.countCorpus(List.of(), 2).size() == Dictionary.NSPECIAL);
  }
}
