// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.corpus.Split;

class GettextCorpusTest {
  @TempDir Path dir;

  @Test
  void harvestMatchesTheReferenceScript() {
    GettextCorpus.Harvest h = GettextCorpus.harvest("de", List.of(Fixtures.file("mo/root")));
    assertEquals(2, h.catalogs());
    assertEquals(14, h.entries());
    assertEquals(1, h.identical());
    assertEquals(Fixtures.lines("mo/expected.all.tsv"), Fixtures.tsv(h.all()));
    assertEquals(Fixtures.lines("mo/expected.nat.tsv"), Fixtures.tsv(h.natural()));
  }

  @Test
  void readsBothByteOrdersContextsPluralsAndCharsets() {
    MoFile le = MoFile.read(Fixtures.file("mo/root/de/LC_MESSAGES/demo.mo"));
    MoFile be = MoFile.read(Fixtures.file("mo/demo-be.mo"));
    assertEquals(ByteOrder.LITTLE_ENDIAN, le.order());
    assertEquals(ByteOrder.BIG_ENDIAN, be.order());
    assertEquals(le.entries().size(), be.entries().size());
    for (int i = 0; i < le.entries().size(); i++) {
      assertTrue(Arrays.equals(le.entries().get(i).original(), be.entries().get(i).original()));
      assertTrue(Arrays.equals(le.entries().get(i).translation(), be.entries().get(i).translation()));
    }
    assertEquals("UTF-8", le.charset());
    List<MoMessage> msgs = le.entries().stream().map(e -> MoMessage.decode(e, le.charset()).orElseThrow()).toList();
    MoMessage ctx = msgs.stream().filter(m -> m.context().equals("menu")).findFirst().orElseThrow();
    assertEquals("Open a new window now", ctx.msgid());
    MoMessage plural = msgs.stream().filter(m -> !m.msgidPlural().isEmpty()).findFirst().orElseThrow();
    assertEquals("%d files were deleted from the disk.", plural.msgidPlural());
    assertEquals(List.of("Eine Datei wurde von der Festplatte gelöscht.", "%d Dateien wurden von der Festplatte gelöscht."),
        plural.msgstr());
    MoFile latin = MoFile.read(Fixtures.file("mo/root/de/LC_MESSAGES/other.mo"));
    assertEquals("ISO-8859-1", latin.charset());
    assertTrue(latin.entries().stream().map(e -> MoMessage.decode(e, latin.charset()).orElseThrow().msgstr().get(0))
        .anyMatch(s -> s.equals("Alle offenen Fenster schließen")));
  }

  @Test
  void badMagicAndTruncationAreOneLineErrorsNamingTheFile() throws IOException {
    Path bad = Files.writeString(dir.resolve("x.mo"), "definitely not a catalog");
    LeapseqException e = assertThrows(LeapseqException.class, () -> MoFile.read(bad));
    assertTrue(e.getMessage().startsWith(bad + ": bad magic"), e.getMessage());
    byte[] good = Files.readAllBytes(Fixtures.file("mo/root/de/LC_MESSAGES/demo.mo"));
    Path cut = Files.write(dir.resolve("cut.mo"), Arrays.copyOf(good, good.length - 40));
    e = assertThrows(LeapseqException.class, () -> MoFile.read(cut));
    assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void noCatalogIsOneLineError() {
    LeapseqException e = assertThrows(LeapseqException.class, () -> GettextCorpus.harvest("xx", List.of(dir)));
    assertTrue(e.getMessage().startsWith("no xx/LC_MESSAGES/*.mo under"), e.getMessage());
  }

  @Test
  void naturalFilterRules() {
    assertEquals("Save the file", NaturalFilter.clean("_Save the  ~file"));
    assertEquals("Tom & Jerry go", NaturalFilter.clean("Tom & Jerry go"));
    assertTrue(NaturalFilter.natural("Open a new window", "Ein neues Fenster öffnen"));
    assertFalse(NaturalFilter.natural("Open two windows", "X"));
    assertFalse(NaturalFilter.natural("Use --force here", "Verwenden Sie --force hier"));
    assertFalse(NaturalFilter.natural("Call foo_bar now", "Rufen Sie foo_bar auf"));
    assertFalse(NaturalFilter.natural("OPEN THE FILE", "DATEI ÖFFNEN"));
    assertFalse(NaturalFilter.natural("Quit", "Beenden"));
  }

  @Test
  void splitsByDomainAndDropsIsoLists() {
    List<ParallelPair> pairs = List.of(new ParallelPair("iso_639-3", "a b c", "d e f"),
        new ParallelPair("coreutils", "a b c", "d e f"));
    ParallelSplits s = GettextCorpus.split(pairs);
    assertEquals(1, s.train().size() + s.valid().size() + s.test().size());
    assertEquals(GettextCorpus.splitOf("coreutils"), GettextCorpus.splitOf("coreutils"));
    long test = java.util.stream.IntStream.range(0, 1000).filter(i -> GettextCorpus.splitOf("d" + i) == Split.TEST).count();
    assertTrue(test > 60 && test < 140, "test share " + test);
  }
}
