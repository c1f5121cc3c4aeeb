// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.leapseq.core.Require;

/** Where {@link S2tPrep} reads utterances from: a MuST-C release, or a directory of raw manifests. */
public sealed interface S2tInput {
  /** The splits to prepare when none are named. */
  List<String> defaultSplits();

  /** The directory outputs go to when none is named. */
  Path defaultOutDir();

  /** Reads one split; the tasks say which text columns must be there. */
  S2tSplit read(String split, Set<S2tTask> tasks);

  /**
   * MuST-C as released: {@code <root>/en-<tgt>/data/<split>/{wav,txt}}; fairseq writes into
   * {@code <root>/en-<tgt>}.
   */
  record Mustc(Path root, String srcLang, String tgtLang) implements S2tInput {
    public Mustc {
      Require.that(srcLang.equals("en"), "MuST-C's source language is en, got '%s'", srcLang);
      Require.that(!tgtLang.isEmpty() && !tgtLang.contains("/"), "bad target language '%s'", tgtLang);
    }

    @Override
    public List<String> defaultSplits() {
      return List.of("train", "dev", "tst-COMMON");
    }

    @Override
    public Path defaultOutDir() {
      return root.resolve(MustcCorpus.pairName(tgtLang));
    }

    @Override
    public S2tSplit read(String split, Set<S2tTask> tasks) {
      return MustcCorpus.read(root, srcLang, tgtLang, split);
    }
  }

  /** Raw manifests {@code <dir>/<split>.tsv} with one WAV file per utterance (prepare-bible.sh's output). */
  record Manifests(Path dir) implements S2tInput {
    @Override
    public List<String> defaultSplits() {
      return RawManifestCorpus.splits(dir);
    }

    @Override
    public Path defaultOutDir() {
      return dir;
    }

    @Override
    public S2tSplit read(String split, Set<S2tTask> tasks) {
      return RawManifestCorpus.read(dir, split, tasks);
    }
  }
}
