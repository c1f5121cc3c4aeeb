// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelCommandTest {
  @TempDir Path dir;

  private static final Path FIXTURES =
      Path.of(System.getProperty("leapseq.repo.root", "..")).resolve("toolkit-data/src/test/resources/parallel");

  record Run(int status, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Cli.execute(new ParallelCommand(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void bibleWritesSplitsAndAllPairs() throws IOException {
    Run r = run("bible", "--src", FIXTURES.resolve("kjv.imp").toString(), "--tgt", FIXTURES.resolve("sparv.imp").toString(),
        "--out-dir", dir.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("test.tsv: 3 pairs"), r.out());
    assertEquals(Files.readString(FIXTURES.resolve("expected.tsv")), Files.readString(dir.resolve("all.tsv")));
    assertEquals(2, Files.readAllLines(dir.resolve("valid.es")).size());
  }

  @Test
  void gettextWritesAllNaturalAndSplits() throws IOException {
    Run r = run("gettext", "--lang", "de", "--root", FIXTURES.resolve("mo/root").toString(), "--out-dir", dir.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(Files.readString(FIXTURES.resolve("mo/expected.nat.tsv")), Files.readString(dir.resolve("nat.tsv")));
    long split = 0;
    for (String s : new String[] {"train", "valid", "test"}) {
      split += Files.readAllLines(dir.resolve(s + ".de")).size();
    }
    assertEquals(5, split);
  }

  @Test
  void missingImpIsOneLineError() {
    Path missing = dir.resolve("none.imp");
    Run r = run("bible", "--src", missing.toString(), "--tgt", missing.toString(), "--out-dir", dir.toString());
    assertEquals(Cli.EXIT_ERROR, r.status());
    assertTrue(r.err().startsWith("bible: error: " + missing + ": cannot read"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
