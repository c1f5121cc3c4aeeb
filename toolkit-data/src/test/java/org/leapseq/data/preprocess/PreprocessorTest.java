// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.logging.LogSink;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.data.indexed.IndexedDataset;
import org.leapseq.data.indexed.IndexedDatasets;

class PreprocessorTest {
  @TempDir Path dir;

  private static PreprocessConfig lm(Path train, Path valid, Path dest, int workers) {
    return new PreprocessConfig(
        null, null, train.toString(), valid == null ? null : valid.toString(), null, dest.toString(), 0, 0, -1, -1,
        null, null, false, true, 8, workers, false, "mmap");
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** Lines of random words from a small Zipf-like vocabulary with unicode, empty lines and mixed line ends. */
  private Path randomCorpus(String name, long seed, int lines) throws IOException {
    String[] vocab = {"the", "a", "Zoë", "naïve", "\uD83D\uDE00", "\uFFFD", "cat", "<unk>", "x/y", "—", "“q”"};
    String[] ends = {"\n", "\r\n", "\r"};
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int n = r.nextInt(12);
      for (int j = 0; j < n; j++) {
        sb.append(j == 0 ? "" : r.nextInt(9) == 0 ? " \u00a0\t" : " ");
        sb.append(vocab[Math.min(vocab.length - 1, (int) Math.abs(r.nextGaussian() * 3))]);
        sb.append(r.nextInt(30) == 0 ? "w" + r.nextInt(500) : "");
      }
      sb.append(ends[r.nextInt(10) == 0 ? 1 + r.nextInt(2) : 0]);
    }
    return write(name, sb.toString());
  }

  @Test
  void anyNumberOfWorkersGivesIdenticalBytes() throws IOException {
    Path train = randomCorpus("train.txt", 1, 3000);
    Path valid = randomCorpus("valid.txt", 2, 300);
    List<byte[]> reference = null;
    for (int w = 1; w <= 4; w++) {
      Path dest = dir.resolve("w" + w);
      new Preprocessor(lm(train, valid, dest, w)).run();
      List<byte[]> files = new ArrayList<>();
      for (String f : List.of("dict.txt", "train.bin", "train.idx", "valid.bin", "valid.idx")) {
        files.add(Files.readAllBytes(dest.resolve(f)));
      }
      if (reference == null) {
        reference = files;
      } else {
        for (int i = 0; i < files.size(); i++) {
          assertArrayEquals(reference.get(i), files.get(i), "workers=" + w + " file " + i);
        }
      }
    }
  }

  @Test
  void datasetsDecodeBackToTheTokensOfEachLine() throws IOException {
    Path train = write("train.txt", "b a\n\nc a b\u2009d\n");
    Path valid = write("valid.txt", "a zz\n");
    Path dest = dir.resolve("bin");
    new Preprocessor(lm(train, valid, dest, 1)).run();
    Dictionary d = Dictionary.load(dest.resolve("dict.txt"));
    try (IndexedDataset ds = IndexedDatasets.open(dest.resolve("train"));
        IndexedDataset v = IndexedDatasets.open(dest.resolve("valid"))) {
      assertEquals(3, ds.size());
      assertArrayEquals(new int[] {d.index("b"), d.index("a"), Dictionary.EOS}, ds.getInts(0));
      assertArrayEquals(new int[] {Dictionary.EOS}, ds.getInts(1));
      assertArrayEquals(
          new int[] {d.index("c"), d.index("a"), d.index("b"), d.index("d"), Dictionary.EOS}, ds.getInts(2));
      assertArrayEquals(new int[] {d.index("a"), Dictionary.UNK, Dictionary.EOS}, v.getInts(0));
    }
  }

  @Test
  void translationLayoutWithJoinedDictionaryAndNumberedSplits() throws IOException {
    write("train.en", "hello world\n");
    write("train.de", "hallo welt\n");
    for (String p : List.of("dev", "dev2")) {
      write(p + ".en", "hello\n");
      write(p + ".de", "welt\n");
    }
    Path dest = dir.resolve("bin");
    String pre = dir + "/";
    new Preprocessor(
            new PreprocessConfig(
                "en", "de", pre + "train", pre + "dev," + pre + "dev2", null, dest.toString(), 0, 0, -1, -1, null,
                null, true, false, 8, 2, false, "mmap"))
        .run();
    assertEquals(
        List.of(
            "dict.de.txt", "dict.en.txt", "preprocess.log", "train.en-de.de.bin", "train.en-de.de.idx",
            "train.en-de.en.bin", "train.en-de.en.idx", "valid.en-de.de.bin", "valid.en-de.de.idx",
            "valid.en-de.en.bin", "valid.en-de.en.idx", "valid1.en-de.de.bin", "valid1.en-de.de.idx",
            "valid1.en-de.en.bin", "valid1.en-de.en.idx"),
        names(dest));
    assertEquals(Files.readString(dest.resolve("dict.en.txt")), Files.readString(dest.resolve("dict.de.txt")));
    assertTrue(Files.readString(dest.resolve("dict.en.txt")).startsWith("hallo 1\nhello 1\nwelt 1\nworld 1\n"));
  }

  @Test
  void srcdictIsReusedAndThresholdsReplaceRareWords() throws IOException {
    Path train = write("train.txt", "a a a b b c\n");
    Path dest1 = dir.resolve("one");
    new Preprocessor(
            new PreprocessConfig(
                null, null, train.toString(), null, null, dest1.toString(), 2, 0, -1, -1, null, null, false, true,
                1, 1, false, "mmap"))
        .run();
    assertEquals("a 3\nb 2\n", Files.readString(dest1.resolve("dict.txt")));
    try (IndexedDataset ds = IndexedDatasets.open(dest1.resolve("train"))) {
      assertArrayEquals(new int[] {4, 4, 4, 5, 5, Dictionary.UNK, Dictionary.EOS}, ds.getInts(0));
    }
    Path dest2 = dir.resolve("two");
    new Preprocessor(
            new PreprocessConfig(
                null, null, train.toString(), null, null, dest2.toString(), 0, 0, -1, -1,
                dest1.resolve("dict.txt").toString(), null, false, true, 8, 1, false, "mmap"))
        .run();
    assertArrayEquals(Files.readAllBytes(dest1.resolve("dict.txt")), Files.readAllBytes(dest2.resolve("dict.txt")));
    assertArrayEquals(Files.readAllBytes(dest1.resolve("train.bin")), Files.readAllBytes(dest2.resolve("train.bin")));
  }

  @Test
  void rawCopiesTheTextUnderTheNameTheLoaderReads() throws IOException {
    Path train = write("train.txt", "x y\n");
    Path dest = dir.resolve("raw");
    new Preprocessor(
            new PreprocessConfig(
                null, null, train.toString(), null, null, dest.toString(), 0, 0, -1, -1, null, null, false, true, 8,
                1, false, "raw"))
        .run();
    assertEquals(List.of("dict.txt", "preprocess.log", "train"), names(dest));
    assertEquals("x y\n", Files.readString(dest.resolve("train")));
  }

  @Test
  void eachRunLogsOnlyIntoItsOwnPreprocessLog() throws IOException {
    Path a = write("a.txt", "a\n");
    Path b = write("b.txt", "b\n");
    LogSink.get().setLevel(Level.INFO);
    try {
      new Preprocessor(lm(a, null, dir.resolve("A"), 1)).run();
      new Preprocessor(lm(b, null, dir.resolve("B"), 1)).run();
    } finally {
      LogSink.get().setLevel(LogSink.parse(System.getProperty("leapseq.log.level", "info")));
    }
    String logA = Files.readString(dir.resolve("A/preprocess.log"));
    assertTrue(logA.contains("a.txt") && !logA.contains("b.txt"), logA);
    assertTrue(Files.readString(dir.resolve("B/preprocess.log")).contains("b.txt"));
  }

  @Test
  void emptyCorpusIsAnErrorAndLeavesNoOutput() throws IOException {
    Path train = write("train.txt", "");
    Path dest = dir.resolve("bin");
    LeapseqException e = assertThrows(LeapseqException.class, () -> new Preprocessor(lm(train, null, dest, 2)).run());
    assertTrue(e.getMessage().contains("train.txt"), e.getMessage());
    assertEquals(List.of("preprocess.log"), names(dest));
  }

  @Test
  void destinationThatIsAFileIsAOneLineError() throws IOException {
    Path train = write("train.txt", "a\n");
    Path dest = write("notadir", "");
    LeapseqException e = assertThrows(LeapseqException.class, () -> new Preprocessor(lm(train, null, dest, 1)).run());
    assertTrue(e.getMessage().startsWith(dest + ": cannot create directory"), e.getMessage());
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
