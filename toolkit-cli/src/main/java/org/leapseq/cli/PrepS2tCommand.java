// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.speech.CmvnType;
import org.leapseq.data.speech.S2tInput;
import org.leapseq.data.speech.S2tPrep;
import org.leapseq.data.speech.S2tPrepConfig;
import org.leapseq.data.speech.S2tTask;
import org.leapseq.data.speech.VocabType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toolkit-prep-s2t}: fairseq's prep_mustc_data.py, for MuST-C or for raw manifests with one WAV per
 * utterance.
 */
@Command(
    name = "toolkit-prep-s2t",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Prepare speech_to_text data as fairseq's examples/speech_to_text/prep_mustc_data.py does: 80-bin Kaldi fbank"
          + " of every utterance (in parallel) in OUT/fbank80.zip, manifests OUT/<split>_<task>.tsv, a SentencePiece"
          + " vocabulary OUT/spm_<type><size>_<task>.{model,vocab,txt} (needs spm_train: apt-get install -y"
          + " sentencepiece), OUT/gcmvn.npz with --cmvn-type global, and OUT/config_<task>.yaml.",
      "Example: toolkit-prep-s2t --data-root MUSTC_ROOT --tgt-lang de --task st --vocab-size 8000",
      "         toolkit-prep-s2t --manifest-dir data/simulst/bible-en-es --task st,asr --vocab-size 1000"
    })
public final class PrepS2tCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(PrepS2tCommand.class);

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** Exactly one input form. */
  static final class Input {
    @Option(names = "--data-root", paramLabel = "DIR", description = "MuST-C root: DIR/en-<tgt>/data/<split>/{wav,txt}")
    Path dataRoot;

    @Option(names = "--manifest-dir", paramLabel = "DIR",
        description = "raw manifests DIR/<split>.tsv (id audio n_frames src_text tgt_text speaker; audio = a WAV file"
            + " relative to DIR), as leapformer-scripts/simulst/prepare-bible.sh writes them")
    Path manifestDir;
  }

  @Option(names = "--src-lang", paramLabel = "LANG", defaultValue = "en",
      description = "MuST-C source language (default: ${DEFAULT-VALUE})")
  String srcLang;

  @Option(names = "--tgt-lang", paramLabel = "LANG", description = "MuST-C target language: reads DIR/en-LANG")
  String tgtLang;

  @Option(names = "--splits", paramLabel = "SPLIT", split = ",",
      description = "splits to prepare (default: train,dev,tst-COMMON for MuST-C; every <split>.tsv in"
          + " --manifest-dir except *_asr.tsv and *_st.tsv)")
  List<String> splits = new ArrayList<>();

  @Option(names = "--out-dir", paramLabel = "DIR",
      description = "output directory (default: DIR/en-<tgt> for MuST-C, as fairseq; the --manifest-dir itself)")
  Path outDir;

  @Option(names = "--task", paramLabel = "TASK", split = ",", required = true,
      description = "asr (tgt_text = transcript) or st (tgt_text = translation); both as st,asr share the features")
  List<String> tasks;

  @Option(names = "--vocab-type", paramLabel = "TYPE", defaultValue = "unigram",
      description = "unigram, bpe or char (default: ${DEFAULT-VALUE})")
  String vocabType;

  @Option(names = "--vocab-size", paramLabel = "N", defaultValue = "" + S2tPrepConfig.VOCAB_SIZE,
      description = "SentencePiece vocabulary size (default: ${DEFAULT-VALUE})")
  int vocabSize;

  @Option(names = "--cmvn-type", paramLabel = "TYPE", defaultValue = "utterance",
      description = "utterance or global (gcmvn.npz from the training split) (default: ${DEFAULT-VALUE})")
  String cmvnType;

  @Option(names = "--gcmvn-max-num", paramLabel = "N", defaultValue = "" + S2tPrepConfig.GCMVN_MAX_NUM,
      description = "training utterances the global CMVN statistics use, the first N (default: ${DEFAULT-VALUE})")
  int gcmvnMaxNum;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
      description = "feature threads (default: the number of processors)")
  int workers;

  @Option(names = "--spm-threads", paramLabel = "N", defaultValue = "0",
      description = "spm_train --num_threads; its pieces depend on it, so fix it for vocabularies that do not depend"
          + " on the machine (default: --workers, as fairseq uses every processor)")
  int spmThreads;

  @Option(names = "--sample-rate", paramLabel = "HZ", defaultValue = "0",
      description = "resample to HZ first (as torchaudio.functional.resample); 0 keeps each file's rate (default)")
  int sampleRate;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  @Override
  public Integer call() {
    S2tPrepConfig cfg = config();
    S2tPrep.Summary s = S2tPrep.run(cfg);
    for (Map.Entry<S2tTask, Map<String, Integer>> e : s.kept().entrySet()) {
      log.info("{}: {} utterances kept per split {} in {}", e.getKey().id(), e.getValue().values().stream()
          .mapToInt(Integer::intValue).sum(), e.getValue(), s.outDir());
    }
    return 0;
  }

  private S2tPrepConfig config() {
    try {
      S2tInput in = input();
      List<S2tTask> t = tasks.stream().map(S2tTask::parse).toList();
      int n = workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
      return S2tPrepConfig.defaults(in, t)
          .withSplits(splits)
          .withOutDir(outDir)
          .withVocab(VocabType.parse(vocabType), vocabSize)
          .withCmvn(CmvnType.parse(cmvnType), gcmvnMaxNum)
          .withWorkers(n, sampleRate)
          .withSpmThreads(spmThreads);
    } catch (LeapseqException e) {
      throw Cli.usage(spec.commandLine(), e.getMessage());
    }
  }

  private S2tInput input() {
    if (input.dataRoot != null) {
      if (tgtLang == null) {
        throw new LeapseqException("--data-root needs --tgt-lang (MuST-C's en-<tgt> directory)");
      }
      return new S2tInput.Mustc(input.dataRoot, srcLang, tgtLang);
    }
    if (tgtLang != null) {
      throw new LeapseqException("--tgt-lang applies to --data-root only");
    }
    return new S2tInput.Manifests(input.manifestDir);
  }

  public static void main(String[] args) {
    Cli.main(new PrepS2tCommand(), args);
  }
}
