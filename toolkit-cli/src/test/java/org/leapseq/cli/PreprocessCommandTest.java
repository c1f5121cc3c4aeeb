// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessCommandTest {
  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Cli.execute(
            new PreprocessCommand(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void workedExampleIsByteExactAndLogsLikeFairseq() throws IOException {
    Path train = write("train.txt", "the cat sat\nthe  dog\nzebra Apple apple\n");
    Path dest = dir.resolve("bin");
    Run r = run("--only-source", "--trainpref", train.toString(), "--destdir", dest.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("| INFO | "), r.out());
    assertTrue(r.out().contains("[None] Dictionary: 16 types"), r.out());
    assertTrue(r.out().contains("[None] " + train + ": 3 sents, 11 tokens, 0.0% replaced (by <unk>)"), r.out());
    assertEquals(
        "the 2\nApple 1\napple 1\ncat 1\ndog 1\nsat 1\nzebra 1\n"
            + "madeupword0000 0\nmadeupword0001 0\nmadeupword0002 0\nmadeupword0003 0\nmadeupword0004 0\n",
        Files.readString(dest.resolve("dict.txt")));
    assertArrayEquals(
        HexFormat.of()
            .parseHex(
                "4d4d49444944580000" + "0100000000000000" + "08" + "0300000000000000"
                    + "040000000300000004000000"
                    + "000000000000000008000000000000000e00000000000000"),
        Files.readAllBytes(dest.resolve("train.idx")));
    assertArrayEquals(
        HexFormat.of().parseHex("04000700090002000400080002000a00050006000200"),
        Files.readAllBytes(dest.resolve("train.bin")));
    String log = Files.readString(dest.resolve("preprocess.log"));
    assertTrue(log.contains("Wrote preprocessed data to " + dest), log);
    assertEquals(List.of("dict.txt", "preprocess.log", "train.bin", "train.idx"), names(dest));
  }

  @Test
  void existingDictionaryIsRefusedWithExit1AndNothingWritten() throws IOException {
    Path train = write("train.txt", "a b\n");
    Path dest = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dest.resolve("dict.txt"), "a 1\n");
    Run r = run("--only-source", "--trainpref", train.toString(), "--destdir", dest.toString());
    assertEquals(1, r.status());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("toolkit-preprocess: error: " + dest.resolve("dict.txt") + " already exists"), r.err());
    assertEquals(List.of("dict.txt"), names(dest));
  }

  @Test
  void usageErrorsExitWith2() {
    Run r = run("--trainpref", "x");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("toolkit-preprocess: error: --source-lang and --target-lang are required"), r.err());
    assertEquals(2, run("--only-source", "--trainpref", "x", "--workers", "0").status());
    assertEquals(2, run("--only-source", "--trainpref", "x", "--dataset-impl", "lazy").status());
    assertEquals(2, run("--no-such-flag").status());
  }

  @Test
  void invalidUtf8IsOneLineNamingFileAndLineWithNoOutputLeft() throws IOException {
    Path train = dir.resolve("train.txt");
    Files.write(train, new byte[] {'o', 'k', '\n', 'b', 'a', (byte) 0xff, '\n'});
    Path dest = dir.resolve("bin");
    Run r = run("--only-source", "--trainpref", train.toString(), "--destdir", dest.toString());
    assertEquals(1, r.status());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(train + ": line 2"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals(List.of("preprocess.log"), names(dest));
  }

  @Test
  void missingInputIsOneLine() {
    Path dest = dir.resolve("bin");
    Run r = run("--only-source", "--trainpref", dir.resolve("nope.txt").toString(), "--destdir", dest.toString());
    assertEquals(1, r.status());
    assertEquals("toolkit-preprocess: error: " + dir.resolve("nope.txt") + ": no such file\n", r.err());
    assertFalse(Files.exists(dest));
  }

  @Test
  void helpListsTheOutputFormats() {
    Run r = run("--help");
    assertEquals(0, r.status());
    assertTrue(r.out().contains("mmap, raw"), r.out());
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
