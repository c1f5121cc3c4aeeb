// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.preprocess;

import java.util.List;
import org.leapseq.core.Require;

/**
 * The options of fairseq-preprocess, under fairseq's names and defaults. Validated here, so every way of building
 * one (flags, JSON) gets the same checks.
 *
 * @param sourceLang {@code -s}; null with {@code --only-source} for language modeling
 * @param trainpref {@code --trainpref}; null when both dictionaries are given and no train split is wanted
 * @param validpref {@code --validpref}, comma-separated prefixes giving valid, valid1, ...
 * @param testpref {@code --testpref}, comma-separated prefixes giving test, test1, ...
 * @param nwordssrc number of source symbols to keep including the 4 specials; -1 keeps all
 * @param datasetImpl {@code mmap} (binary .bin/.idx) or {@code raw} (text copied)
 */
public record PreprocessConfig(
    String sourceLang,
    String targetLang,
    String trainpref,
    String validpref,
    String testpref,
    String destdir,
    int thresholdsrc,
    int thresholdtgt,
    int nwordssrc,
    int nwordstgt,
    String srcdict,
    String tgtdict,
    boolean joinedDictionary,
    boolean onlySource,
    int paddingFactor,
    int workers,
    boolean dictOnly,
    String datasetImpl) {

  /** The dataset implementations preprocess can write. */
  public static final List<String> DATASET_IMPLS = List.of("mmap", "raw");

  public PreprocessConfig {
    Require.that(destdir != null && !destdir.isEmpty(), "--destdir must not be empty");
    Require.that(workers >= 1, "--workers must be at least 1, got %d", workers);
    Require.that(paddingFactor >= 1, "--padding-factor must be at least 1, got %d", paddingFactor);
    Require.that(
        DATASET_IMPLS.contains(datasetImpl),
        "--dataset-impl must be one of %s, got '%s'",
        String.join(", ", DATASET_IMPLS),
        datasetImpl);
    Require.that(
        onlySource || (sourceLang != null && targetLang != null),
        "--source-lang and --target-lang are required unless --only-source is given");
    Require.that(
        !(joinedDictionary && srcdict != null && tgtdict != null),
        "cannot use both --srcdict and --tgtdict with --joined-dictionary");
    Require.that(
        trainpref != null || srcdict != null || (joinedDictionary && tgtdict != null),
        "--trainpref must be set if --srcdict is not specified");
    Require.that(
        onlySource || joinedDictionary || trainpref != null || tgtdict != null,
        "--trainpref must be set if --tgtdict is not specified");
    Require.that(
        trainpref != null || validpref != null || testpref != null || dictOnly,
        "nothing to do: give --trainpref, --validpref or --testpref (or --dict-only)");
  }

  /** Whether a target side is processed (fairseq: {@code not --only-source}). */
  public boolean hasTarget() {
    return !onlySource;
  }
}
