// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.corpus.Split;

class BibleCorpusTest {
  @TempDir Path dir;

  @Test
  void alignsLikeTheReferenceScript() {
    List<ParallelPair> pairs = BibleCorpus.align(Fixtures.file("kjv.imp"), Fixtures.file("sparv.imp"));
    assertEquals(Fixtures.lines("expected.tsv"), Fixtures.tsv(pairs));
  }

  @Test
  void readsVersesOnlyAndDropsNotesAndTitles() {
    Map<String, String> kjv = ImpReader.read(Fixtures.file("kjv.imp"));
    assertEquals(13, kjv.size());
    assertTrue(kjv.keySet().stream().noneMatch(k -> k.endsWith(":0") || k.startsWith("[")), kjv.keySet().toString());
    assertEquals("And God saw the light, that it was good: and God divided the light from the darkness.",
        kjv.get("Genesis 1:4"));
    assertTrue(kjv.get("Psalms 3:1").startsWith("LORD, how are they increased"), kjv.get("Psalms 3:1"));
    assertEquals(11, ImpReader.read(Fixtures.file("sparv.imp")).size());
  }

  @Test
  void splitsByBook() {
    ParallelSplits s = BibleCorpus.split(BibleCorpus.align(Fixtures.file("kjv.imp"), Fixtures.file("sparv.imp")));
    assertEquals(List.of("Mark 1:1", "Mark 1:2", "Mark 1:3"), s.test().stream().map(ParallelPair::id).toList());
    assertEquals(List.of("Romans 1:1", "Romans 1:2"), s.valid().stream().map(ParallelPair::id).toList());
    assertEquals(6, s.train().size());
    assertEquals("I Corinthians", BibleCorpus.book("I Corinthians 13:4"));
  }

  @Test
  void unknownBookIsOneLineError() {
    List<ParallelPair> pairs = BibleCorpus.align(Fixtures.file("kjv.imp"), Fixtures.file("sparv.imp"));
    LeapseqException e = assertThrows(LeapseqException.class, () -> BibleCorpus.split(pairs, "Jude", "Mark"));
    assertTrue(e.getMessage().startsWith("no verse of book 'Jude'"), e.getMessage());
  }

  @Test
  void notAnImpFileIsOneLineErrorNamingIt() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.imp"), "Genesis 1:1 In the beginning\n");
    LeapseqException e = assertThrows(LeapseqException.class, () -> ImpReader.read(bad));
    assertTrue(e.getMessage().startsWith(bad + ": no '$$$<key>' lines"), e.getMessage());
  }

  @Test
  void writesTsvAndAlignedTextPerSplit() throws IOException {
    ParallelSplits s = BibleCorpus.split(BibleCorpus.align(Fixtures.file("kjv.imp"), Fixtures.file("sparv.imp")));
    Map<Split, Integer> n = ParallelWriter.write(s, dir, "en", "es");
    assertEquals(Map.of(Split.TRAIN, 6, Split.VALID, 2, Split.TEST, 3), n);
    assertEquals("Mark 1:1\tThe beginning of the gospel of Jesus Christ, the Son of God;\t"
        + "PRINCIPIO del evangelio de Jesucristo, Hijo de Dios.", Files.readAllLines(dir.resolve("test.tsv")).get(0));
    assertEquals(3, Files.readAllLines(dir.resolve("test.es"), StandardCharsets.UTF_8).size());
    assertEquals("In the beginning God created the heaven and the earth.",
        Files.readAllLines(dir.resolve("train.en")).get(0));
  }

  @Test
  void osisTextUnescapesAndCollapses() {
    assertEquals("a & b <c> é é", OsisText.clean("a &amp; <w>b</w>\n &lt;c&gt;  &#233; &#xE9;"));
    assertEquals("x y", OsisText.clean("x <note type=\"a\">foot\nnote</note> y<title>T</title>"));
    assertEquals("&bogus; &#0;", OsisText.clean("&bogus; &#0;"));
  }
}
