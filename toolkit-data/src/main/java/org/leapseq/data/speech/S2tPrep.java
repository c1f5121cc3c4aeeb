// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.audio.FbankConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fairseq's {@code examples/speech_to_text/prep_mustc_data.py}: 80-bin fbank features of every utterance in
 * {@code fbank80.zip}, the manifests {@code <split>_<task>.tsv} ({@code id audio n_frames tgt_text speaker}, audio
 * = {@code /abs/fbank80.zip:offset:length}, filtered as {@code filter_manifest_df}), a SentencePiece vocabulary
 * {@code spm_<type><size>_<task>.{model,vocab,txt}} trained on the training splits' target texts (before
 * filtering, as fairseq does), {@code gcmvn.npz} with global CMVN, and {@code config_<task>.yaml}. Features are
 * computed once for all tasks. Every input is read and checked before anything is written, and every file is
 * written under a temporary name and renamed into place, so bad input leaves nothing half-written.
 */
public final class S2tPrep {
  private static final Logger log = LoggerFactory.getLogger(S2tPrep.class);
  /** fairseq's {@code filter_manifest_df} limits. */
  static final int MIN_FRAMES = 5;
  static final int MAX_TRAIN_FRAMES = 3000;
  public static final String FEATURE_ZIP = "fbank80.zip";
  public static final String GCMVN_NPZ = "gcmvn.npz";

  private S2tPrep() {}

  /** What was written: the output directory and, per task, the kept utterances per split. */
  public record Summary(Path outDir, int utterances, Map<S2tTask, Map<String, Integer>> kept) {}

  /** Runs the whole preparation. */
  public static Summary run(S2tPrepConfig cfg) {
    List<S2tSplit> splits = readSplits(cfg);
    Path out = (cfg.outDir() == null ? cfg.input().defaultOutDir() : cfg.outDir()).toAbsolutePath().normalize();
    createDir(out);
    int total = splits.stream().mapToInt(s -> s.segments().size()).sum();
    log.info("fbank: {} utterances in {} splits, {} workers -> {}", total, splits.size(), cfg.workers(),
        out.resolve(FEATURE_ZIP));
    FeatureZipBuilder builder = new FeatureZipBuilder(FbankConfig.fairseq(), cfg.sampleRate(), cfg.workers());
    FeatureZipBuilder.Result features = builder.build(splits, out.resolve(FEATURE_ZIP),
        cfg.cmvnType() == CmvnType.GLOBAL ? cfg.gcmvnMaxNum() : 0);
    Path gcmvn = out.resolve(GCMVN_NPZ);
    if (features.gcmvn() != null) {
      features.gcmvn().save(gcmvn);
    }
    Map<S2tTask, Map<String, Integer>> kept = new LinkedHashMap<>();
    for (S2tTask task : cfg.tasks()) {
      kept.put(task, writeTask(cfg, task, splits, features.stored(), out, gcmvn));
    }
    return new Summary(out, total, kept);
  }

  /** Manifests, vocabulary and config of one task; returns the kept utterances per split. */
  private static Map<String, Integer> writeTask(S2tPrepConfig cfg, S2tTask task, List<S2tSplit> splits,
      Map<String, FeatureZipBuilder.Stored> stored, Path out, Path gcmvn) {
    Map<String, Integer> kept = new LinkedHashMap<>();
    List<String> trainText = new ArrayList<>();
    for (S2tSplit split : splits) {
      List<ManifestRow> rows = new ArrayList<>();
      for (SpeechSegment s : split.segments()) {
        FeatureZipBuilder.Stored f = stored.get(s.id());
        rows.add(new ManifestRow(s.id(), f.path().format(null), f.frames(), task.text(s), s.speaker()));
      }
      if (split.isTrain()) {
        rows.forEach(r -> trainText.add(r.tgtText()));
      }
      List<ManifestRow> valid = filter(rows, split, task);
      S2tManifest.of(valid).write(out.resolve(split.name() + "_" + task.id() + ".tsv"));
      kept.put(split.name(), valid.size());
    }
    String prefix = cfg.vocabType().prefix(cfg.vocabSize(), task);
    log.info("spm: {} on {} training sentences", prefix, trainText.size());
    Path model = SpmVocabBuilder.train(trainText, out, prefix, cfg.vocabType(), cfg.vocabSize(),
        cfg.effectiveSpmThreads());
    Path yaml = out.resolve("config_" + task.id() + ".yaml");
    S2tConfigYaml.write(yaml, S2tConfigYaml.of(model, cfg.cmvnType(), gcmvn));
    log.info("{}: {}", task.id(), yaml);
    return kept;
  }

  /**
   * fairseq's {@code filter_manifest_df}: drops rows with no audio, fewer than 5 frames or an empty text, and in
   * training splits more than 3000 frames; logs the counts as fairseq prints them.
   */
  static List<ManifestRow> filter(List<ManifestRow> rows, S2tSplit split, S2tTask task) {
    int noSpeech = 0;
    int shortSpeech = 0;
    int empty = 0;
    int longSpeech = 0;
    List<ManifestRow> valid = new ArrayList<>();
    for (ManifestRow r : rows) {
      boolean a = r.audio().isEmpty();
      boolean s = r.nFrames() < MIN_FRAMES;
      boolean e = r.tgtText().isEmpty();
      boolean l = split.isTrain() && r.nFrames() > MAX_TRAIN_FRAMES;
      noSpeech += a ? 1 : 0;
      shortSpeech += s ? 1 : 0;
      empty += e ? 1 : 0;
      longSpeech += l ? 1 : 0;
      if (!(a || s || e || l)) {
        valid.add(r);
      }
    }
    log.info("{}_{}: | no speech: {}, short speech (<{} frames): {}, empty sentence: {}{}, total {} filtered, {}"
        + " remained.", split.name(), task.id(), noSpeech, MIN_FRAMES, shortSpeech, empty,
        split.isTrain() ? ", long speech (>" + MAX_TRAIN_FRAMES + " frames): " + longSpeech : "",
        rows.size() - valid.size(), valid.size());
    return valid;
  }

  /** Reads every split and checks what must hold before writing anything. */
  private static List<S2tSplit> readSplits(S2tPrepConfig cfg) {
    List<String> names = cfg.splits().isEmpty() ? cfg.input().defaultSplits() : cfg.splits();
    List<S2tSplit> splits = new ArrayList<>();
    for (String name : names) {
      splits.add(cfg.input().read(name, new LinkedHashSet<>(cfg.tasks())));
    }
    if (splits.stream().noneMatch(S2tSplit::isTrain)) {
      throw new LeapseqException("no training split among " + names + " (a split whose name starts with 'train'"
          + " is needed for the vocabulary" + (cfg.cmvnType() == CmvnType.GLOBAL ? " and the global CMVN)" : ")"));
    }
    checkIds(splits);
    return splits;
  }

  /** Ids must be unique across splits (they name zip members) and usable as file names. */
  private static void checkIds(List<S2tSplit> splits) {
    Map<String, String> seen = new HashMap<>();
    for (S2tSplit split : splits) {
      for (SpeechSegment s : split.segments()) {
        if (s.id().contains("/") || s.id().contains("\\")) {
          throw new LeapseqException("split " + split.name() + ": utterance id '" + s.id() + "' cannot name a zip"
              + " member (it has a slash)");
        }
        String before = seen.put(s.id(), split.name());
        if (before != null) {
          throw new LeapseqException("utterance id '" + s.id() + "' occurs twice (splits " + before + " and "
              + split.name() + ")");
        }
      }
    }
  }

  private static void createDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LeapseqException(dir + ": cannot create directory: " + IoErrors.describe(e), e);
    }
  }
}
