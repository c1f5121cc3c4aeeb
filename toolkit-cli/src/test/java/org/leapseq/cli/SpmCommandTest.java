// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpmCommandTest {
  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  /** The unigram fixture of toolkit-data's tests (see toolkit-data/src/test/resources/spm/make_expected.py). */
  private static Path model() {
    Path root = Path.of(System.getProperty("leapseq.repo.root", ".."));
    return root.resolve("toolkit-data/src/test/resources/spm/unigram.model");
  }

  private Run run(Object command, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status = Cli.execute(command, o, new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private SpmCommand.Stdio stdio(String in, ByteArrayOutputStream out) {
    return new SpmCommand.Stdio(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void encodesStdinToPiecesAndIdsLikeTheScript() {
    ByteArrayOutputStream pieces = new ByteArrayOutputStream();
    Run r = run(new SpmEncodeCommand(stdio("  Jesus wept.  \n\nY lloró Jesús.\n", pieces)), "",
        "--model", model().toString());
    assertEquals(0, r.status(), r.err());
    assertEquals("▁ J es u s ▁w e p t .\n▁Y ▁ ll o r ó ▁ J es ú s .\n", pieces.toString(StandardCharsets.UTF_8));
    assertTrue(r.err().contains("skipped 1 empty lines"), r.err());
    ByteArrayOutputStream ids = new ByteArrayOutputStream();
    r = run(new SpmEncodeCommand(stdio("Jesus wept.\n", ids)), "", "--model", model().toString(), "--output_format", "id");
    assertEquals(0, r.status(), r.err());
    assertEquals("4 288 74 22 6 50 9 43 11 15\n", ids.toString(StandardCharsets.UTF_8));
  }

  @Test
  void parallelInputsDropTheWholeTupleWhenOneLineIsFiltered() throws IOException {
    Path en = Files.writeString(dir.resolve("a.en"), "Jesus wept.\nAmen.\n\nAnd God said\n");
    Path es = Files.writeString(dir.resolve("a.es"), "Y lloró Jesús.\nAmén.\nx\nY dijo Dios\n");
    Path oe = dir.resolve("o.en");
    Path os = dir.resolve("o.es");
    Run r = run(new SpmEncodeCommand(), "", "--model", model().toString(), "--inputs", en.toString(), es.toString(),
        "--outputs", oe.toString(), os.toString(), "--min-len", "3", "--max-len", "11");
    assertEquals(0, r.status(), r.err());
    // pieces per line: (10, 12) -> 12 > 11; (5, 6) kept; ("", 2) -> empty and 2 < 3; (3, 3) kept
    assertEquals("▁ A m en .\n▁And ▁God ▁said\n", Files.readString(oe));
    assertEquals(2, Files.readAllLines(os).size());
    assertTrue(r.err().contains("skipped 1 empty lines") && r.err().contains("filtered 2 lines"), r.err());
  }

  @Test
  void decodesIdsAndPiecesBackToText() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Run r = run(new SpmDecodeCommand(stdio("4 288 74 22 6 50 9 43 11 15\n", out)), "",
        "--model", model().toString(), "--input", "-", "--input_format", "id");
    assertEquals(0, r.status(), r.err());
    assertEquals("Jesus wept.\n", out.toString(StandardCharsets.UTF_8));
    out.reset();
    r = run(new SpmDecodeCommand(stdio("▁Y ▁ ll o r ó ▁ J es ú s .\n", out)), "", "--model", model().toString(), "--input", "-");
    assertEquals("Y lloró Jesús.\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void missingModelIsOneLineError() {
    Path missing = dir.resolve("none.model");
    Run r = run(new SpmCommand(), "", "encode", "--model", missing.toString());
    assertEquals(Cli.EXIT_ERROR, r.status());
    assertEquals("encode: error: " + missing + ": no such file (expected a SentencePiece .model file written by spm_train)\n",
        r.err());
  }

  @Test
  void mismatchedInputsAndOutputsIsUsageError() {
    Run r = run(new SpmCommand(), "", "encode", "--model", model().toString(), "--inputs", "a", "b");
    assertEquals(Cli.EXIT_USAGE, r.status());
    assertTrue(r.err().startsWith("encode: error: number of --inputs (2) and --outputs (1) should match"), r.err());
  }
}
