// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.nio.file.Path;
import java.util.List;
import org.leapseq.core.Require;

/**
 * The options of {@link S2tPrep}, with fairseq's {@code prep_mustc_data.py} defaults in {@link #defaults}.
 * {@code splits} empty means the input's default splits; {@code outDir} null means the input's default
 * directory; {@code sampleRate} 0 keeps each file's rate; {@code spmThreads} 0 gives spm_train {@code workers}
 * threads, as fairseq gives it every processor (the pieces depend on it).
 */
public record S2tPrepConfig(S2tInput input, List<String> splits, Path outDir, List<S2tTask> tasks,
    VocabType vocabType, int vocabSize, CmvnType cmvnType, int gcmvnMaxNum, int workers, int sampleRate,
    int spmThreads) {
  /** fairseq's {@code --gcmvn-max-num}. */
  public static final int GCMVN_MAX_NUM = 150_000;
  /** fairseq's {@code --vocab-size}. */
  public static final int VOCAB_SIZE = 8000;

  public S2tPrepConfig {
    Require.that(input != null, "an input is needed");
    splits = List.copyOf(splits);
    tasks = List.copyOf(tasks);
    Require.that(!tasks.isEmpty(), "at least one task (asr or st) is needed");
    Require.that(tasks.stream().distinct().count() == tasks.size(), "task listed twice: %s", tasks);
    Require.that(splits.stream().distinct().count() == splits.size(), "split listed twice: %s", splits);
    Require.that(vocabSize > 0, "vocab size must be > 0, got %d", vocabSize);
    Require.that(gcmvnMaxNum > 0, "gcmvn max num must be > 0, got %d", gcmvnMaxNum);
    Require.that(workers > 0, "workers must be > 0, got %d", workers);
    Require.that(sampleRate >= 0, "sample rate must be >= 0 (0 keeps each file's rate), got %d", sampleRate);
    Require.that(spmThreads >= 0, "spm threads must be >= 0 (0: as many as workers), got %d", spmThreads);
  }

  /** spm_train's {@code --num_threads}. */
  public int effectiveSpmThreads() {
    return spmThreads == 0 ? workers : spmThreads;
  }

  /** fairseq's defaults: unigram 8000, utterance CMVN, all processors, the files' own rates. */
  public static S2tPrepConfig defaults(S2tInput input, List<S2tTask> tasks) {
    return new S2tPrepConfig(input, List.of(), null, tasks, VocabType.UNIGRAM, VOCAB_SIZE, CmvnType.UTTERANCE,
        GCMVN_MAX_NUM, Runtime.getRuntime().availableProcessors(), 0, 0);
  }

  public S2tPrepConfig withVocab(VocabType type, int size) {
    return new S2tPrepConfig(input, splits, outDir, tasks, type, size, cmvnType, gcmvnMaxNum, workers, sampleRate,
        spmThreads);
  }

  public S2tPrepConfig withCmvn(CmvnType type, int maxNum) {
    return new S2tPrepConfig(input, splits, outDir, tasks, vocabType, vocabSize, type, maxNum, workers, sampleRate,
        spmThreads);
  }

  public S2tPrepConfig withSplits(List<String> names) {
    return new S2tPrepConfig(input, names, outDir, tasks, vocabType, vocabSize, cmvnType, gcmvnMaxNum, workers,
        sampleRate, spmThreads);
  }

  public S2tPrepConfig withOutDir(Path dir) {
    return new S2tPrepConfig(input, splits, dir, tasks, vocabType, vocabSize, cmvnType, gcmvnMaxNum, workers,
        sampleRate, spmThreads);
  }

  public S2tPrepConfig withSpmThreads(int n) {
    return new S2tPrepConfig(input, splits, outDir, tasks, vocabType, vocabSize, cmvnType, gcmvnMaxNum, workers,
        sampleRate, n);
  }

  public S2tPrepConfig withWorkers(int n, int rate) {
    return new S2tPrepConfig(input, splits, outDir, tasks, vocabType, vocabSize, cmvnType, gcmvnMaxNum, n, rate,
        spmThreads);
  }
}
