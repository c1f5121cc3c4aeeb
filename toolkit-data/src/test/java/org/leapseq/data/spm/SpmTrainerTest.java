// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.spm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class SpmTrainerTest {
  @TempDir Path dir;

  @Test
  void dashesBecomeUnderscoresAndFairseqIdsAreDefaults() {
    Map<String, String> m = SpmTrainer.withDefaults(List.of("--vocab-size=300", "--model_type=bpe", "--unk_id=0"));
    assertEquals("300", m.get("vocab_size"));
    assertEquals("bpe", m.get("model_type"));
    assertEquals("0", m.get("unk_id"));
    assertEquals("1.0", m.get("character_coverage"));
    assertEquals("1", m.get("pad_id"));
  }

  @Test
  void flagWithoutDashesIsRefused() {
    assertThrows(LeapseqException.class, () -> SpmTrainer.withDefaults(List.of("vocab_size=3")));
  }

  /** Runs only where Debian's spm_train is installed: our trainer reproduces the committed fixture's vocabulary. */
  @Test
  void trainsTheCommittedFixtureAgain() throws IOException {
    assumeTrue(onPath(), "spm_train not installed");
    Path prefix = SpmTrainer.train(List.of("--input=" + SpmFixtures.file("corpus.txt"),
        "--model_prefix=" + dir.resolve("unigram"), "--model-type=unigram", "--vocab-size=300", "--num_threads=1"));
    try (SentencePieceModel spm = SentencePieceModel.load(Path.of(prefix + ".model"))) {
      assertEquals("Y lloró Jesús.", spm.decodePieces(spm.encodeAsPieces("Y lloró Jesús.")));
      assertEquals("<unk>", spm.idToPiece(3));
    }
    // the fixture came from Debian's spm_train 0.1.97; other trainer versions may pick other pieces
    assumeTrue(version().equals("sentencepiece 0.1.97"), "spm_train is not 0.1.97");
    assertEquals(Files.readString(SpmFixtures.file("unigram.vocab")), Files.readString(Path.of(prefix + ".vocab")));
  }

  @Test
  void trainingFailureIsOneLineError() {
    assumeTrue(onPath(), "spm_train not installed");
    LeapseqException e = assertThrows(LeapseqException.class, () -> SpmTrainer.train(
        List.of("--input=" + dir.resolve("missing.txt"), "--model_prefix=" + dir.resolve("m"), "--vocab_size=50")));
    assertEquals(-1, e.getMessage().indexOf('\n'));
    assertEquals(true, e.getMessage().startsWith("spm_train failed"), e.getMessage());
  }

  private static String version() throws IOException {
    Process p = new ProcessBuilder(SpmTrainer.findProgram(), "--version").redirectErrorStream(true).start();
    return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
  }

  private static boolean onPath() {
    try {
      SpmTrainer.findProgram();
      return true;
    } catch (LeapseqException e) {
      return false;
    }
  }
}
