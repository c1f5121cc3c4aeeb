// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.data.speech.AudioPath;
import org.leapseq.data.speech.FeatureStore;
import org.leapseq.data.speech.ManifestRow;
import org.leapseq.data.speech.S2tDataConfig;
import org.leapseq.data.speech.S2tManifest;

/** toolkit-prep-s2t on raw manifests made from toolkit-data's committed espeak-ng WAVs. */
class PrepS2tCommandTest {
  private static final String HEADER = "id\taudio\tn_frames\tsrc_text\ttgt_text\tspeaker\n";

  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Cli.execute(new PrepS2tCommand(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Path fixture(String name) {
    return Path.of(System.getProperty("leapseq.repo.root"), "toolkit-data/src/test/resources/audio", name);
  }

  /** train: a (16 kHz), b (8 kHz); test: c (stereo); as prepare-bible.sh lays them out. */
  private Path corpus() throws IOException {
    Files.createDirectories(dir.resolve("wav"));
    Files.copy(fixture("mono-16k-s16.wav"), dir.resolve("wav/a.wav"));
    Files.copy(fixture("mono-8k-s16.wav"), dir.resolve("wav/b.wav"));
    Files.copy(fixture("stereo-16k-s24.wav"), dir.resolve("wav/c.wav"));
    Files.writeString(dir.resolve("train.tsv"), HEADER + "a\twav/a.wav\t20759\tIn the beginning\tEn el principio\ten-us\n"
        + "b\twav/b.wav\t6400\tand the earth\ty la tierra\ten-gb\n");
    Files.writeString(dir.resolve("test.tsv"), HEADER + "c\twav/c.wav\t8000\tlight\tluz\ten-029\n");
    return dir;
  }

  private static boolean hasSpmTrain() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d.isEmpty() ? "." : d, "spm_train"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void preparesRawManifestsForStAndAsr() throws IOException {
    assumeTrue(hasSpmTrain(), "spm_train not installed");
    Path in = corpus();
    Path out = dir.resolve("out");
    Run r = run("--manifest-dir", in.toString(), "--out-dir", out.toString(), "--task", "st,asr", "--vocab-type",
        "char", "--vocab-size", "40", "--cmvn-type", "global", "--workers", "2", "--sample-rate", "16000");
    assertEquals(0, r.status(), r.err() + r.out());
    for (String f : List.of("fbank80.zip", "gcmvn.npz", "train_st.tsv", "test_st.tsv", "train_asr.tsv",
        "test_asr.tsv", "spm_char_st.model", "spm_char_st.vocab", "spm_char_st.txt", "spm_char_asr.model",
        "config_st.yaml", "config_asr.yaml")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing; " + r.out());
    }
    S2tManifest st = S2tManifest.read(out.resolve("train_st.tsv"));
    assertEquals(List.of("a", "b"), st.rows().stream().map(ManifestRow::id).toList());
    ManifestRow b = st.rows().get(1);
    assertEquals("y la tierra", b.tgtText());
    assertEquals("en-gb", b.speaker());
    assertEquals(1 + (12800 - 400) / 160, b.nFrames()); // 0.8 s resampled to 16 kHz
    assertEquals(b.nFrames(), FeatureStore.read(AudioPath.parse(b.audio(), dir)).shape()[0]);
    assertEquals("light", S2tManifest.read(out.resolve("test_asr.tsv")).rows().get(0).tgtText());
    S2tDataConfig c = S2tDataConfig.read(out.resolve("config_asr.yaml"));
    assertEquals(out.resolve("spm_char_asr.model").toString(), c.bpeTokenizer().sentencepieceModel());
    assertTrue(r.out().contains("st: 3 utterances kept"), r.out());
  }

  @Test
  void missingWavIsOneLineNamingManifestAndRowAndNothingIsWritten() throws IOException {
    Path in = corpus();
    Files.delete(in.resolve("wav/c.wav"));
    Run r = run("--manifest-dir", in.toString(), "--task", "st");
    assertEquals(Cli.EXIT_ERROR, r.status());
    assertEquals("toolkit-prep-s2t: error: " + in.resolve("test.tsv") + ":2: audio file " + in.resolve("wav/c.wav")
        + " not found (utterance 'c')\n", r.err());
    assertEquals(false, Files.exists(in.resolve("fbank80.zip")));
    assertEquals(false, Files.exists(in.resolve("train_st.tsv")));
  }

  @Test
  void usageErrors() throws IOException {
    Path in = corpus();
    Run both = run("--manifest-dir", in.toString(), "--data-root", in.toString(), "--task", "st");
    assertEquals(Cli.EXIT_USAGE, both.status());
    Run noLang = run("--data-root", in.toString(), "--task", "st");
    assertEquals(Cli.EXIT_USAGE, noLang.status());
    assertTrue(noLang.err().startsWith("toolkit-prep-s2t: error: --data-root needs --tgt-lang"), noLang.err());
    Run badTask = run("--manifest-dir", in.toString(), "--task", "mt");
    assertEquals(Cli.EXIT_USAGE, badTask.status());
    assertTrue(badTask.err().contains("unknown task 'mt', expected asr or st"), badTask.err());
    Run badVocab = run("--manifest-dir", in.toString(), "--task", "st", "--vocab-type", "word");
    assertEquals(Cli.EXIT_USAGE, badVocab.status());
  }
}
