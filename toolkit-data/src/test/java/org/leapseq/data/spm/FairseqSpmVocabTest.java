// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.spm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class FairseqSpmVocabTest {
  @TempDir Path dir;

  @Test
  void writesPiecesInIdOrderWithoutSpecials() throws IOException {
    Path out = dir.resolve("spm_unigram300.txt");
    assertEquals(296, FairseqSpmVocab.write(SpmFixtures.file("unigram.vocab"), out));
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(296, lines.size());
    assertEquals(List.of("▁ 1", ", 1"), lines.subList(0, 2));
    assertTrue(lines.stream().allMatch(l -> l.endsWith(" 1")));
    assertFalse(lines.contains("<unk> 1"));
    // fairseq index of a piece (4 specials first) equals its SentencePiece id
    try (SentencePieceModel spm = SentencePieceModel.load(SpmFixtures.file("unigram.model"))) {
      for (int i = 0; i < lines.size(); i++) {
        String piece = lines.get(i).substring(0, lines.get(i).length() - 2);
        assertEquals(i + 4, spm.pieceToId(piece), piece);
      }
    }
  }

  @Test
  void verifyAcceptsItsModelAndNamesTheFirstMismatch() throws IOException {
    Path txt = dir.resolve("u.txt");
    FairseqSpmVocab.write(SpmFixtures.file("unigram.vocab"), txt);
    try (SentencePieceModel unigram = SentencePieceModel.load(SpmFixtures.file("unigram.model"));
        SentencePieceModel bpe = SentencePieceModel.load(SpmFixtures.file("bpe.model"))) {
      FairseqSpmVocab.verify(unigram, txt);
      LeapseqException e = assertThrows(LeapseqException.class, () -> FairseqSpmVocab.verify(bpe, txt));
      assertTrue(e.getMessage().startsWith(txt + ":1: piece '▁' has id "), e.getMessage());
      assertTrue(e.getMessage().contains(SpmFixtures.file("bpe.model").toString()), e.getMessage());
    }
  }

  @Test
  void specialsAtOtherIdsAreRefused() throws IOException {
    Path vocab = Files.writeString(dir.resolve("x.vocab"), "<unk>\t0\n<s>\t0\n</s>\t0\n▁a\t-1\n");
    LeapseqException e = assertThrows(LeapseqException.class, () -> FairseqSpmVocab.write(vocab, dir.resolve("x.txt")));
    assertTrue(e.getMessage().startsWith(vocab + ": "), e.getMessage());
    assertFalse(Files.exists(dir.resolve("x.txt")));
  }

  @Test
  void malformedLineNamesFileAndLine() throws IOException {
    Path vocab = Files.writeString(dir.resolve("y.vocab"), "<s>\t0\nno tab here\n");
    LeapseqException e = assertThrows(LeapseqException.class, () -> FairseqSpmVocab.write(vocab, dir.resolve("y.txt")));
    assertTrue(e.getMessage().startsWith(vocab + ":2: "), e.getMessage());
  }
}
