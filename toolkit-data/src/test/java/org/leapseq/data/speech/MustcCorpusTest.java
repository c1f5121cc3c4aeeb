// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class MustcCorpusTest {
  @TempDir Path root;

  @Test
  void segmentsAreSortedByOffsetStringAndNumberedPerWav() {
    S2tSplit train = MustcCorpus.read(FakeMustc.build(root), "en", "de", "train");
    assertTrue(train.isTrain());
    List<SpeechSegment> s = train.segments();
    assertEquals(List.of("talk1_0", "talk1_1", "talk1_2", "talk2_0"), s.stream().map(SpeechSegment::id).toList());
    // "0.1" < "0.9" < "00.5" as strings: fairseq's ids follow that order, not the numeric one
    assertEquals(1600, s.get(0).start());
    assertEquals(160, s.get(0).frames());
    assertEquals(14400, s.get(1).start());
    assertEquals(6400, s.get(1).frames());
    assertEquals(8000, s.get(2).start());
    assertEquals("the third", s.get(2).srcText()); // stripped
    assertEquals("das dritte", s.get(2).tgtText());
    assertEquals("spk.1", s.get(2).speaker());
    assertEquals("", s.get(3).tgtText());
    assertEquals(root.resolve("en-de/data/train/wav/talk2.wav"), s.get(3).wav());
  }

  @Test
  void lineCountMismatchNamesBothFiles() throws IOException {
    FakeMustc.build(root);
    Path de = root.resolve("en-de/data/train/txt/train.de");
    Files.writeString(de, "eins\nzwei\n");
    LeapseqException e = assertThrows(LeapseqException.class, () -> MustcCorpus.read(root, "en", "de", "train"));
    assertEquals(de + ": 2 lines, but " + root.resolve("en-de/data/train/txt/train.yaml") + " has 4 segments",
        e.getMessage());
  }

  @Test
  void missingDirectoryWavAndKeyAreOneLineErrors() throws IOException {
    FakeMustc.build(root);
    LeapseqException noDir = assertThrows(LeapseqException.class, () -> MustcCorpus.read(root, "en", "fr", "train"));
    assertTrue(noDir.getMessage().startsWith(root.resolve("en-fr/data/train") + ": no such directory"),
        noDir.getMessage());
    Files.delete(root.resolve("en-de/data/train/wav/talk2.wav"));
    LeapseqException noWav = assertThrows(LeapseqException.class, () -> MustcCorpus.read(root, "en", "de", "train"));
    assertEquals(root.resolve("en-de/data/train/txt/train.yaml") + ": segment 4: wav file "
        + root.resolve("en-de/data/train/wav/talk2.wav") + " not found", noWav.getMessage());
    Files.writeString(root.resolve("en-de/data/dev/txt/dev.yaml"), "- {offset: 0.05, speaker_id: s, wav: talk3.wav}\n");
    LeapseqException noKey = assertThrows(LeapseqException.class, () -> MustcCorpus.read(root, "en", "de", "dev"));
    assertTrue(noKey.getMessage().endsWith("dev.yaml: segment 1: no 'duration' (expected offset, duration,"
        + " speaker_id and wav)"), noKey.getMessage());
  }

  @Test
  void rawManifestErrorsNameFileAndLine(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("wav"));
    Files.copy(org.leapseq.data.audio.Fixtures.file("mono-8k-s16.wav"), dir.resolve("wav/a.wav"));
    String header = "id\taudio\tn_frames\tsrc_text\ttgt_text\tspeaker\n";
    Files.writeString(dir.resolve("train.tsv"), header + "a\twav/a.wav\t6400\thi\thola\tsp\n"
        + "b\twav/b.wav\t6400\tho\thala\tsp\n");
    Files.writeString(dir.resolve("train_st.tsv"), "ignored");
    assertEquals(List.of("train"), RawManifestCorpus.splits(dir));
    LeapseqException missing = assertThrows(LeapseqException.class,
        () -> RawManifestCorpus.read(dir, "train", Set.of(S2tTask.ST)));
    assertEquals(dir.resolve("train.tsv") + ":3: audio file " + dir.resolve("wav/b.wav") + " not found (utterance"
        + " 'b')", missing.getMessage());
    Files.writeString(dir.resolve("train.tsv"), header + "a\twav/a.wav\t6400\thi\thola\n");
    LeapseqException columns = assertThrows(LeapseqException.class,
        () -> RawManifestCorpus.read(dir, "train", Set.of(S2tTask.ST)));
    assertEquals(dir.resolve("train.tsv") + ":2: 5 columns, expected 6 (id audio n_frames src_text tgt_text"
        + " speaker)", columns.getMessage());
    Files.writeString(dir.resolve("train.tsv"), "id\taudio\tn_frames\ttgt_text\na\twav/a.wav\t1\thola\n");
    assertEquals(1, RawManifestCorpus.read(dir, "train", Set.of(S2tTask.ST)).segments().size());
    LeapseqException noSrc = assertThrows(LeapseqException.class,
        () -> RawManifestCorpus.read(dir, "train", Set.of(S2tTask.ASR)));
    assertTrue(noSrc.getMessage().contains(":1: no 'src_text' column"), noSrc.getMessage());
  }
}
