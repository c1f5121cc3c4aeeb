// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.leapseq.data.npy.Npy;
import org.leapseq.data.npy.NpyArray;
import org.leapseq.data.npy.NpyType;

/** On toolkit-data's committed espeak-ng fixtures and their torchaudio references. */
class FbankCommandTest {
  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Cli.execute(new FbankCommand(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Path fixture(String name) {
    return Path.of(System.getProperty("leapseq.repo.root"), "toolkit-data/src/test/resources/audio", name);
  }

  @Test
  void writesFloat32FeaturesEqualToTorchaudio() {
    Path out = dir.resolve("fbank80");
    Run r = run(fixture("mono-8k-s16.wav").toString(), fixture("stereo-16k-s24.wav").toString(), "--out-dir",
        out.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("mono-8k-s16.wav: 8000 Hz, 0.80 s -> " + out.resolve("mono-8k-s16.npy")
        + ": 78 frames x 80 bins"), r.out());
    for (String stem : new String[] {"mono-8k-s16", "stereo-16k-s24"}) {
      NpyArray got = Npy.read(out.resolve(stem + ".npy"));
      assertEquals(NpyType.FLOAT32, got.type());
      NpyArray want = Npy.read(fixture(stem + ".fbank.npy"));
      assertArrayEquals(want.shape(), got.shape());
      double max = 0;
      for (int i = 0; i < want.size(); i++) {
        max = Math.max(max, Math.abs(want.get(i) - got.get(i)));
      }
      assertTrue(max <= 1e-3, stem + " max |diff| " + max);
    }
  }

  @Test
  void utteranceCmvnAndResampling() throws IOException {
    Run r = run(fixture("espeak-stdout-22k.wav").toString(), "--out-dir", dir.toString(), "--cmvn", "utterance",
        "--sample-rate", "16000", "--num-mel-bins", "40");
    assertEquals(0, r.status(), r.err());
    NpyArray a = Npy.read(dir.resolve("espeak-stdout-22k.npy"));
    assertArrayEquals(new int[] {1 + (16137 - 400) / 160, 40}, a.shape()); // ceil(22238 * 16000 / 22050) samples
    double sum = 0;
    for (int i = 0; i < a.size(); i += 40) {
      sum += a.get(i);
    }
    assertEquals(0.0, sum / a.shape()[0], 1e-5); // zero mean per bin
    assertEquals(1, Files.list(dir).count()); // no temporary files left
  }

  @Test
  void badInputIsOneLineNamingTheFile() throws IOException {
    Path ogg = dir.resolve("clip.ogg");
    Files.write(ogg, "OggS\0\2 not really".getBytes(StandardCharsets.ISO_8859_1));
    Run r = run(ogg.toString(), "--out-dir", dir.resolve("o").toString());
    assertEquals(Cli.EXIT_ERROR, r.status());
    assertEquals("toolkit-fbank: error: " + ogg + ": Ogg audio, expected a RIFF/WAVE file; convert it first, e.g. "
        + "sox in.ogg -r 16000 -c 1 out.wav\n", r.err());
    Run bad = run(ogg.toString(), "--out-dir", dir.toString(), "--cmvn", "global");
    assertEquals(Cli.EXIT_USAGE, bad.status());
    assertTrue(bad.err().startsWith("toolkit-fbank: error: --cmvn: expected none or utterance, got 'global'"),
        bad.err());
  }
}
