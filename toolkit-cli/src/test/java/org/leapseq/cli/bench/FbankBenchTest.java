// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.leapseq.cli.Cli;

/** Smoke test on toolkit-data's committed WAV fixtures (no espeak-ng needed). */
class FbankBenchTest {
  @Test
  void printsJsonAndATableWithTheRealTimeFactor() {
    Path audio = Path.of(System.getProperty("leapseq.repo.root"), "toolkit-data/src/test/resources/audio");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Cli.execute(new BenchCommand(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "fbank", audio.toString(), "--repeats", "1");
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertTrue(text.contains("\"benchmark\" : \"fbank\"") && text.contains("\"utterances\" : 5")
        && text.contains("rtf_per_core"), text);
  }
}
