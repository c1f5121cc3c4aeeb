// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.spm.FairseqSpmVocab;
import org.leapseq.data.spm.SentencePieceModel;

class S2tPrepTest {
  @TempDir Path dir;

  private static ManifestRow row(String id, int frames, String text) {
    return new ManifestRow(id, "f.zip:1:2", frames, text, "spk");
  }

  @Test
  void filterDropsShortAndEmptyEverywhereAndLongInTrainingOnly() {
    List<ManifestRow> rows = List.of(row("a", 4, "x"), row("b", 5, "x"), row("c", 3000, "x"), row("d", 3001, "x"),
        row("e", 100, ""));
    S2tSplit train = new S2tSplit("train", List.of());
    S2tSplit dev = new S2tSplit("dev", List.of());
    assertEquals(List.of("b", "c"), S2tPrep.filter(rows, train, S2tTask.ST).stream().map(ManifestRow::id).toList());
    assertEquals(List.of("b", "c", "d"), S2tPrep.filter(rows, dev, S2tTask.ST).stream().map(ManifestRow::id).toList());
  }

  @Test
  void configHasFairseqsKeysInYamlDumpOrder() throws IOException {
    Map<String, Object> c = S2tConfigYaml.of(dir.resolve("spm_unigram1000_st.model"), CmvnType.GLOBAL,
        dir.resolve("gcmvn.npz"));
    assertEquals(List.of("bpe_tokenizer", "global_cmvn", "input_channels", "input_feat_per_channel", "specaugment",
        "transforms", "vocab_filename"), List.copyOf(c.keySet()));
    Path yaml = dir.resolve("config_st.yaml");
    S2tConfigYaml.write(yaml, c);
    S2tDataConfig read = S2tDataConfig.read(yaml);
    assertEquals("spm_unigram1000_st.txt", read.vocabFilename());
    assertEquals(80, read.inputFeatPerChannel());
    assertEquals(1, read.inputChannels());
    assertEquals("sentencepiece", read.bpeTokenizer().bpe());
    assertEquals(dir.resolve("spm_unigram1000_st.model").toString(), read.bpeTokenizer().sentencepieceModel());
    assertEquals(dir.resolve("gcmvn.npz").toString(), read.globalCmvn().statsNpzPath());
    assertEquals(List.of("global_cmvn", "specaugment"), read.transformsFor("train", S2tDataConfig.Split.TRAIN));
    assertEquals(List.of("global_cmvn"), read.transformsFor("dev", S2tDataConfig.Split.EVAL));
    assertEquals(SpecAugmentConfig.lb(), read.specaugment());
    String text = Files.readString(yaml);
    assertTrue(text.contains("time_wrap_W: 0") && !text.startsWith("---"), text);
    Map<String, Object> u = S2tConfigYaml.of(dir.resolve("spm_char_asr.model"), CmvnType.UTTERANCE, null);
    assertEquals(null, u.get("global_cmvn"));
    assertEquals(Map.of("*", List.of("utterance_cmvn"), "_train", List.of("utterance_cmvn", "specaugment")),
        u.get("transforms"));
  }

  @Test
  void vocabularyPrefixesAsFairseqNamesThem() {
    assertEquals("spm_unigram10000_st", VocabType.UNIGRAM.prefix(10000, S2tTask.ST));
    assertEquals("spm_bpe8000_asr", VocabType.BPE.prefix(8000, S2tTask.ASR));
    assertEquals("spm_char_st", VocabType.CHAR.prefix(8000, S2tTask.ST));
  }

  @Test
  void preparesMustcForBothTasks() throws IOException {
    assumeTrue(FakeMustc.hasSpmTrain(), "spm_train not installed");
    Path root = FakeMustc.build(dir.resolve("mustc"));
    S2tPrepConfig cfg = S2tPrepConfig.defaults(new S2tInput.Mustc(root, "en", "de"), List.of(S2tTask.ST, S2tTask.ASR))
        .withSplits(List.of("train", "dev")).withVocab(VocabType.CHAR, 30).withCmvn(CmvnType.GLOBAL, 100)
        .withWorkers(2, 0);
    S2tPrep.Summary s = S2tPrep.run(cfg);
    Path out = root.resolve("en-de");
    assertEquals(out, s.outDir());
    assertEquals(5, s.utterances());
    assertEquals(Map.of("train", 2, "dev", 1), s.kept().get(S2tTask.ST)); // talk1_0 short, talk2_0 empty German
    assertEquals(Map.of("train", 3, "dev", 1), s.kept().get(S2tTask.ASR));
    S2tManifest st = S2tManifest.read(out.resolve("train_st.tsv"));
    assertEquals(List.of("id", "audio", "n_frames", "tgt_text", "speaker"), st.columns());
    ManifestRow r = st.rows().get(1);
    assertEquals("talk1_2", r.id());
    assertEquals(48, r.nFrames());
    assertEquals("das dritte", r.tgtText());
    assertEquals("spk.1", r.speaker());
    assertTrue(r.audio().startsWith(out.resolve("fbank80.zip") + ":"), r.audio());
    assertEquals(48, FeatureStore.read(AudioPath.parse(r.audio(), dir)).shape()[0]);
    assertEquals("the third", S2tManifest.read(out.resolve("train_asr.tsv")).rows().get(1).tgtText());
    assertEquals("Stereo", S2tManifest.read(out.resolve("dev_st.tsv")).rows().get(0).tgtText());
    for (String task : List.of("st", "asr")) {
      S2tDataConfig c = S2tDataConfig.read(out.resolve("config_" + task + ".yaml"));
      assertEquals("spm_char_" + task + ".txt", c.vocabFilename());
      assertEquals(out.resolve("gcmvn.npz").toString(), c.globalCmvn().statsNpzPath());
      try (SentencePieceModel spm = SentencePieceModel.load(Path.of(c.bpeTokenizer().sentencepieceModel()))) {
        FairseqSpmVocab.verify(spm, out.resolve(c.vocabFilename()));
      }
    }
    byte[] zip = Files.readAllBytes(out.resolve("fbank80.zip"));
    byte[] model = Files.readAllBytes(out.resolve("spm_char_st.model"));
    S2tPrep.run(cfg.withWorkers(1, 0).withSpmThreads(2)); // a rerun with other feature threads: identical bytes
    assertTrue(Arrays.equals(zip, Files.readAllBytes(out.resolve("fbank80.zip"))));
    assertTrue(Arrays.equals(model, Files.readAllBytes(out.resolve("spm_char_st.model"))));
    GlobalCmvn g = GlobalCmvn.load(out.resolve("gcmvn.npz"));
    assertEquals(80, g.mean().length);
    try (var files = Files.list(out)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList());
    }
  }

  @Test
  void badInputWritesNothing() throws IOException {
    Path root = FakeMustc.build(dir.resolve("mustc"));
    Files.delete(root.resolve("en-de/data/dev/wav/talk3.wav"));
    S2tPrepConfig cfg = S2tPrepConfig.defaults(new S2tInput.Mustc(root, "en", "de"), List.of(S2tTask.ST))
        .withSplits(List.of("train", "dev"));
    LeapseqException e = assertThrows(LeapseqException.class, () -> S2tPrep.run(cfg));
    assertTrue(e.getMessage().contains("dev.yaml: segment 1: wav file"), e.getMessage());
    assertEquals(false, Files.exists(root.resolve("en-de/fbank80.zip")));
    try (var files = Files.list(root.resolve("en-de"))) {
      assertEquals(List.of(root.resolve("en-de/data")), files.toList());
    }
    Path other = FakeMustc.build(dir.resolve("other"));
    LeapseqException noTrain = assertThrows(LeapseqException.class, () -> S2tPrep.run(
        S2tPrepConfig.defaults(new S2tInput.Mustc(other, "en", "de"), List.of(S2tTask.ST)).withSplits(List.of("dev"))));
    assertEquals("no training split among [dev] (a split whose name starts with 'train' is needed for the"
        + " vocabulary)", noTrain.getMessage());
    assertEquals(false, Files.exists(other.resolve("en-de/fbank80.zip")));
  }
}
