// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.dictionary.Dictionary;

/**
 * Random, truncated and corrupted text fed to the text readers (dictionary load, corpus counting, whole
 * preprocess runs): each either succeeds or fails with a one-line {@link LeapseqException} naming the file,
 * and a failed preprocess leaves no dictionary or dataset behind.
 */
class TextInputFuzzTest {
  @TempDir Path dir;

  private static final byte[] VALID_DICT =
      "the 10\nApple 3\nwith space 2\n<unk> 1 #fairseq:overwrite\nZo\u00eb 1\nmadeupword0000 0\n"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALID_TEXT =
      "the cat\r\nZo\u00eb \u00a0sat\n\n\uD83D\uDE00 x\rend".getBytes(StandardCharsets.UTF_8);

  @Test
  void dictionaryLoadNeverThrowsAnythingElse() throws IOException {
    Random r = new Random(7);
    for (int c = 0; c < 400; c++) {
      Path f = dir.resolve("dict" + c + ".txt");
      Files.write(f, mutate(VALID_DICT, r));
      try {
        Dictionary.load(f);
      } catch (LeapseqException e) {
        assertOneLineNaming(e, f);
      } catch (RuntimeException e) {
        fail("case " + c + ": " + e, e);
      }
    }
  }

  @Test
  void preprocessNeverThrowsAnythingElseAndLeavesNoPartialOutput() throws IOException {
    Random r = new Random(11);
    for (int c = 0; c < 150; c++) {
      Path f = dir.resolve("train" + c + ".txt");
      Files.write(f, mutate(VALID_TEXT, r));
      Path dest = dir.resolve("out" + c);
      PreprocessConfig cfg =
          new PreprocessConfig(
              null, null, f.toString(), null, null, dest.toString(), 0, 0, -1, -1, null, null, false, true, 8,
              1 + r.nextInt(3), false, "mmap");
      try {
        new Preprocessor(cfg).run();
        assertTrue(Files.exists(dest.resolve("train.idx")));
      } catch (LeapseqException e) {
        assertOneLineNaming(e, f);
        try (var s = Files.list(dest)) {
          assertTrue(s.allMatch(p -> p.getFileName().toString().equals("preprocess.log")), "case " + c);
        }
      } catch (RuntimeException e) {
        fail("case " + c + ": " + e, e);
      }
    }
  }

  private static void assertOneLineNaming(LeapseqException e, Path f) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
  }

  /** Truncation, random bytes, byte flips, or pure noise. */
  private static byte[] mutate(byte[] valid, Random r) {
    byte[] b;
    switch (r.nextInt(4)) {
      case 0 -> b = Arrays.copyOf(valid, r.nextInt(valid.length + 1));
      case 1 -> {
        b = valid.clone();
        for (int i = 0; i < 1 + r.nextInt(4); i++) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
      }
      case 2 -> {
        b = Arrays.copyOf(valid, valid.length + 1 + r.nextInt(8));
        for (int i = valid.length; i < b.length; i++) {
          b[i] = (byte) (0x80 + r.nextInt(128));
        }
      }
      default -> {
        b = new byte[r.nextInt(64)];
        r.nextBytes(b);
      }
    }
    return b;
  }
}
