// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.spm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class SentencePieceModelTest {
  @TempDir Path dir;

  /** Every row of expected.tsv: Python's sentencepiece 0.2.2 output for our spm_train models. */
  @Test
  void encodesAndDecodesLikePythonSentencepiece() throws IOException {
    List<String> rows = Files.readAllLines(SpmFixtures.file("expected.tsv"), StandardCharsets.UTF_8);
    assertEquals(26, rows.size());
    for (String model : List.of("unigram", "bpe")) {
      try (SentencePieceModel spm = SentencePieceModel.load(SpmFixtures.file(model + ".model"))) {
        for (String row : rows) {
          String[] c = Arrays.stream(row.split("\t", -1)).map(SpmFixtures::unescape).toArray(String[]::new);
          if (!c[0].equals(model)) {
            continue;
          }
          String text = c[1];
          assertEquals(List.of(c[2].split(" ")), spm.encodeAsPieces(text), model + ": " + text);
          int[] ids = Arrays.stream(c[3].split(" ")).mapToInt(Integer::parseInt).toArray();
          assertArrayEquals(ids, spm.encodeAsIds(text), model + ": " + text);
          assertEquals(c[4], spm.decodeIds(ids), model + ": " + text);
        }
      }
    }
  }

  @Test
  void piecesRoundTripAndSpecialsSitAtFairseqIds() {
    try (SentencePieceModel spm = SentencePieceModel.load(SpmFixtures.file("unigram.model"))) {
      String verse = "In the beginning God created the heaven and the earth.";
      assertEquals(verse, spm.decodePieces(spm.encodeAsPieces(verse)));
      assertEquals("<s>", spm.idToPiece(0));
      assertEquals("<pad>", spm.idToPiece(1));
      assertEquals("</s>", spm.idToPiece(2));
      assertEquals("<unk>", spm.idToPiece(3));
      assertEquals(3, spm.pieceToId("no-such-piece"));
    }
  }

  @Test
  void missingModelIsOneLineErrorNamingTheFile() {
    Path missing = dir.resolve("nope.model");
    LeapseqException e = assertThrows(LeapseqException.class, () -> SentencePieceModel.load(missing));
    assertTrue(e.getMessage().startsWith(missing + ": no such file"), e.getMessage());
  }

  @Test
  void garbageModelIsOneLineErrorNamingTheFile() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.model"), "this is not a protobuf ModelProto\n");
    LeapseqException e = assertThrows(LeapseqException.class, () -> SentencePieceModel.load(bad));
    assertTrue(e.getMessage().startsWith(bad + ": not a"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void truncatedModelIsOneLineErrorNamingTheFile() throws IOException {
    byte[] good = Files.readAllBytes(SpmFixtures.file("unigram.model"));
    Path cut = Files.write(dir.resolve("cut.model"), Arrays.copyOf(good, good.length / 3));
    LeapseqException e = assertThrows(LeapseqException.class, () -> SentencePieceModel.load(cut));
    assertTrue(e.getMessage().startsWith(cut + ": not a"), e.getMessage());
  }
}
