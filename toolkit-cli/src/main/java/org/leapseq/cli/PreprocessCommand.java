// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.util.Iterator;
import java.util.concurrent.Callable;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.preprocess.PreprocessConfig;
import org.leapseq.data.preprocess.Preprocessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toolkit-preprocess}: fairseq-preprocess with the same flags, files and log lines. */
@Command(
    name = "toolkit-preprocess",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Build dictionaries and binarize text into fairseq's .bin/.idx format (fairseq-preprocess).",
      "Language modeling: toolkit-preprocess --only-source --trainpref train.txt --validpref valid.txt"
          + " --testpref test.txt --destdir data-bin/corpus --workers 2"
    })
public final class PreprocessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-s", "--source-lang"}, paramLabel = "SRC", description = "source language")
  String sourceLang;

  @Option(names = {"-t", "--target-lang"}, paramLabel = "TARGET", description = "target language")
  String targetLang;

  @Option(names = "--trainpref", paramLabel = "FP", description = "train file prefix (also used to build dictionaries)")
  String trainpref;

  @Option(names = "--validpref", paramLabel = "FP", description = "comma separated valid file prefixes -> valid, valid1, ...")
  String validpref;

  @Option(names = "--testpref", paramLabel = "FP", description = "comma separated test file prefixes -> test, test1, ...")
  String testpref;

  @Option(names = "--destdir", paramLabel = "DIR", defaultValue = "data-bin", description = "destination dir (default: ${DEFAULT-VALUE})")
  String destdir;

  @Option(names = "--thresholdsrc", paramLabel = "N", defaultValue = "0", description = "map words appearing less than N times to <unk> (default: ${DEFAULT-VALUE})")
  int thresholdsrc;

  @Option(names = "--thresholdtgt", paramLabel = "N", defaultValue = "0", description = "map words appearing less than N times to <unk> (default: ${DEFAULT-VALUE})")
  int thresholdtgt;

  @Option(names = "--nwordssrc", paramLabel = "N", defaultValue = "-1", description = "number of source words to retain, including the 4 specials (default: all)")
  int nwordssrc;

  @Option(names = "--nwordstgt", paramLabel = "N", defaultValue = "-1", description = "number of target words to retain, including the 4 specials (default: all)")
  int nwordstgt;

  @Option(names = "--srcdict", paramLabel = "FP", description = "reuse given source dictionary")
  String srcdict;

  @Option(names = "--tgtdict", paramLabel = "FP", description = "reuse given target dictionary")
  String tgtdict;

  @Option(names = "--joined-dictionary", description = "generate joined dictionary")
  boolean joinedDictionary;

  @Option(names = "--only-source", description = "only process the source language")
  boolean onlySource;

  @Option(names = "--padding-factor", paramLabel = "N", defaultValue = "8", description = "pad dictionary size to be multiple of N (default: ${DEFAULT-VALUE})")
  int paddingFactor;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "number of parallel workers (default: ${DEFAULT-VALUE}); output is identical for any N")
  int workers;

  @Option(names = "--dict-only", description = "if true, only builds a dictionary and then exits")
  boolean dictOnly;

  @Option(
      names = "--dataset-impl",
      paramLabel = "FORMAT",
      defaultValue = "mmap",
      completionCandidates = DatasetImpls.class,
      description = "output dataset implementation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  String datasetImpl;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  @Override
  public Integer call() {
    PreprocessConfig config;
    try {
      config =
          new PreprocessConfig(
              sourceLang, targetLang, trainpref, validpref, testpref, destdir, thresholdsrc, thresholdtgt,
              nwordssrc, nwordstgt, srcdict, tgtdict, joinedDictionary, onlySource, paddingFactor, workers,
              dictOnly, datasetImpl);
    } catch (LeapseqException e) {
      throw Cli.usage(spec.commandLine(), e.getMessage());
    }
    new Preprocessor(config).run();
    return 0;
  }

  /** The registered output formats, for {@code --help}. */
  static final class DatasetImpls implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return PreprocessConfig.DATASET_IMPLS.iterator();
    }
  }

  public static void main(String[] args) {
    Cli.main(new PreprocessCommand(), args);
  }
}
