// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.audio.FbankConfig;
import org.leapseq.data.audio.Fixtures;
import org.leapseq.data.npy.Npy;
import org.leapseq.data.npy.NpyArray;
import org.leapseq.data.npy.NpyType;

/** fairseq's fbank80.zip + manifest (made by Python's zipfile and csv) and our own writers. */
class SpeechDataTest {
  @Test
  void readsFairseqsManifestAndZip() {
    Path tsv = Fixtures.file("features.tsv");
    S2tManifest m = S2tManifest.read(tsv);
    assertEquals(List.of("id", "audio", "n_frames", "tgt_text", "speaker"), m.columns());
    assertEquals(2, m.rows().size());
    ManifestRow r = m.rows().get(1);
    assertEquals("espeak-stdout-22k", r.id());
    assertEquals(99, r.nFrames());
    assertEquals("hello there", r.tgtText());
    assertEquals("", r.srcText());
    m.checkAudioFiles(tsv, tsv.getParent());
    for (ManifestRow row : m.rows()) {
      NpyArray a = FeatureStore.read(AudioPath.parse(row.audio(), tsv.getParent()));
      assertArrayEquals(new int[] {row.nFrames(), 80}, a.shape());
      assertEquals(Npy.read(Fixtures.file(row.id() + ".fbank.npy")).toMatrix()[7][9], a.toMatrix()[7][9], 0);
    }
  }

  @Test
  void featuresComeFromNpyOrFromWavOnTheFly(@TempDir Path dir) throws IOException {
    FbankConfig cfg = FbankConfig.fairseq();
    Path tsv = Fixtures.file("features.tsv");
    ManifestRow row = S2tManifest.read(tsv).rows().get(0);
    double[][] stored = FeatureStore.features(AudioPath.parse(row.audio(), tsv.getParent()), cfg);
    assertEquals(row.nFrames(), stored.length);
    double[][] fromWav = FeatureStore.features(AudioPath.of(Fixtures.file(row.id() + ".wav")), cfg);
    assertTrue(Fixtures.maxAbsDiff(stored, fromWav) < 1e-3);
    Path ogg = dir.resolve("a.ogg");
    Files.write(ogg, "OggS\0\2junk".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    LeapseqException e = assertThrows(LeapseqException.class, () -> FeatureStore.features(AudioPath.of(ogg), cfg));
    assertTrue(e.getMessage().startsWith(ogg + ": Ogg audio") && e.getMessage().contains("sox"), e.getMessage());
    assertThrows(LeapseqException.class, () -> FeatureStore.read(AudioPath.of(ogg)));
  }

  @Test
  void zipWriterMatchesGetZipManifest(@TempDir Path dir) throws IOException {
    Path zip = dir.resolve("fbank80.zip");
    AudioPath a;
    AudioPath b;
    NpyArray x = NpyArray.ofMatrix(new double[][] {{1, 2}, {3, 4}}, NpyType.FLOAT32);
    try (FeatureZipWriter w = FeatureZipWriter.create(zip)) {
      a = w.add("utt_0", x);
      b = w.add("utt_1", NpyArray.ofMatrix(new double[][] {{5, 6}}, NpyType.FLOAT32));
      assertThrows(LeapseqException.class, () -> w.add("utt_0", x));
      assertTrue(!Files.exists(zip), "nothing under the final name before commit");
      w.commit();
    }
    assertEquals(zip + ":" + (30 + "utt_0.npy".length()) + ":" + Npy.toBytes(x).length, a.format(null));
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry e = z.getEntry("utt_1.npy");
      assertEquals(ZipEntry.STORED, e.getMethod());
      assertEquals(e.getSize(), b.length());
    }
    assertEquals(6.0, FeatureStore.read(b).get(1), 0);
    assertEquals(4.0, FeatureStore.read(AudioPath.parse("fbank80.zip:" + a.offset() + ":" + a.length(), dir)).get(3));
    LeapseqException e = assertThrows(LeapseqException.class,
        () -> FeatureStore.read(new AudioPath(zip, a.offset() + 1, a.length())));
    assertTrue(e.getMessage().contains("no .npy data at that offset"), e.getMessage());
  }

  @Test
  void manifestRoundTripsAndEscapesLikePandas(@TempDir Path dir) throws IOException {
    ManifestRow r1 = new ManifestRow("a_0", "fbank80.zip:45:100", 12, "say \"hi\" \\ now", "spk1",
        Map.of("src_text", "hallo"));
    ManifestRow r2 = new ManifestRow("a_1", "fbank80.zip:200:100", 7, "ok", "spk2", Map.of("src_text", ""));
    Path tsv = dir.resolve("train_st.tsv");
    S2tManifest.of(List.of(r1, r2)).write(tsv);
    assertEquals("id\taudio\tn_frames\ttgt_text\tspeaker\tsrc_text\n"
        + "a_0\tfbank80.zip:45:100\t12\tsay \\\"hi\\\" \\\\ now\tspk1\thallo\n"
        + "a_1\tfbank80.zip:200:100\t7\tok\tspk2\t\n", Files.readString(tsv));
    S2tManifest back = S2tManifest.read(tsv);
    assertEquals("hallo", back.rows().get(0).srcText());
    assertEquals("say \\\"hi\\\" \\\\ now", back.rows().get(0).tgtText()); // fairseq's reader does not unescape
    assertEquals(r2, back.rows().get(1));
    LeapseqException tab = assertThrows(LeapseqException.class, () -> S2tManifest.of(
        List.of(new ManifestRow("x", "a.npy", 1, "a\tb", ""))).write(dir.resolve("t.tsv")));
    assertTrue(tab.getMessage().startsWith(dir.resolve("t.tsv") + ":2: tgt_text contains a tab"), tab.getMessage());
  }

  @Test
  void rowErrorsNameTheFileAndLine(@TempDir Path dir) throws IOException {
    Path tsv = dir.resolve("dev.tsv");
    Files.writeString(tsv, "id\taudio\tn_frames\ttgt_text\tspeaker\nu1\tu1.npy\t5\thi\ts\n\nu2\tu2.npy\t5\thi\n");
    LeapseqException cols = assertThrows(LeapseqException.class, () -> S2tManifest.read(tsv));
    assertEquals(tsv + ":4: 4 columns, expected 5 (id audio n_frames tgt_text speaker)", cols.getMessage());
    Files.writeString(tsv, "id\taudio\tn_frames\ttgt_text\nu1\tu1.npy\tfive\thi\n");
    assertEquals(tsv + ":2: n_frames 'five' is not an integer",
        assertThrows(LeapseqException.class, () -> S2tManifest.read(tsv)).getMessage());
    Files.writeString(tsv, "id\taudio\ttgt_text\nu1\tu1.npy\thi\n");
    assertTrue(assertThrows(LeapseqException.class, () -> S2tManifest.read(tsv)).getMessage()
        .startsWith(tsv + ":1: no 'n_frames' column"));
    Files.writeString(tsv, "id\taudio\tn_frames\ttgt_text\nu1\tu1.npy\t5\thi\r\nu2\tmissing.zip:10:20\t5\thi\n");
    S2tManifest m = S2tManifest.read(tsv);
    Files.createFile(dir.resolve("u1.npy"));
    LeapseqException missing = assertThrows(LeapseqException.class, () -> m.checkAudioFiles(tsv, dir));
    assertEquals(tsv + ":3: audio file " + dir.resolve("missing.zip") + " not found (utterance 'u2')",
        missing.getMessage());
    assertThrows(LeapseqException.class, () -> AudioPath.parse("a.zip:1", dir));
  }

  @Test
  void readsFairseqsConfigYaml(@TempDir Path dir) throws IOException {
    Path yaml = dir.resolve("config_st.yaml");
    Files.writeString(yaml, String.join("\n",
        "bpe_tokenizer:",
        "  bpe: sentencepiece",
        "  sentencepiece_model: /data/spm_unigram10000_st.model",
        "global_cmvn:",
        "  stats_npz_path: /data/gcmvn.npz",
        "input_channels: 1",
        "input_feat_per_channel: 80",
        "specaugment:",
        "  freq_mask_F: 27",
        "  freq_mask_N: 1",
        "  time_mask_N: 1",
        "  time_mask_T: 100",
        "  time_mask_p: 1.0",
        "  time_wrap_W: 0",
        "transforms:",
        "  '*':",
        "  - global_cmvn",
        "  _train:",
        "  - global_cmvn",
        "  - specaugment",
        "vocab_filename: spm_unigram10000_st.txt",
        "vocoder: {type: griffin_lim}",
        ""));
    S2tDataConfig c = S2tDataConfig.read(yaml);
    assertEquals("spm_unigram10000_st.txt", c.vocabFilename());
    assertEquals("/data/spm_unigram10000_st.model", c.bpeTokenizer().sentencepieceModel());
    assertEquals("/data/gcmvn.npz", c.globalCmvn().statsNpzPath());
    assertEquals(SpecAugmentConfig.lb(), c.specaugment());
    assertEquals(0, c.specaugment().effectiveTimeWarpW());
    assertEquals(List.of("global_cmvn", "specaugment"), c.transformsFor("train_st", S2tDataConfig.Split.TRAIN));
    assertEquals(List.of("global_cmvn"), c.transformsFor("dev_st", S2tDataConfig.Split.EVAL));
    assertEquals(16000, c.useSampleRate());
    assertEquals(false, c.useAudioInput());
    Path out = dir.resolve("back.yaml");
    c.write(out);
    String text = Files.readString(out);
    assertTrue(text.contains("freq_mask_F: 27") && text.contains("time_wrap_W: 0")
        && text.contains("stats_npz_path: \"/data/gcmvn.npz\"") || text.contains("stats_npz_path: /data/gcmvn.npz"),
        text);
    assertEquals(c, S2tDataConfig.read(out));
    Files.writeString(yaml, "transforms:\n  '*': [global_cmvn]\n");
    LeapseqException e = assertThrows(LeapseqException.class, () -> S2tDataConfig.read(yaml));
    assertTrue(e.getMessage().startsWith(yaml + ": bad speech_to_text config: transform global_cmvn needs"),
        e.getMessage());
  }
}
