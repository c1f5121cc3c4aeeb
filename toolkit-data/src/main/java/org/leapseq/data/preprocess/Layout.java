// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.preprocess;

import java.util.ArrayList;
import java.util.List;

/** fairseq-preprocess's file names: inputs {@code PREF.LANG}, outputs {@code SPLIT.SRC-TGT.LANG}, dictionaries. */
final class Layout {
  /** One output split and the input prefix it is read from. */
  record Split(String name, String inputPrefix) {}

  private final PreprocessConfig cfg;

  Layout(PreprocessConfig cfg) {
    this.cfg = cfg;
  }

  /** Python's rendering of an optional string in fairseq's names and logs ("None" for null). */
  static String py(String s) {
    return s == null ? "None" : s;
  }

  /** {@code PREF.LANG}, or {@code PREF} when there is no language. */
  String inputFile(String prefix, String lang) {
    return lang == null ? prefix : prefix + "." + lang;
  }

  /** {@code dict.LANG.txt}, or {@code dict.txt} when there is no language. */
  String dictFile(String lang) {
    return lang == null ? "dict.txt" : "dict." + lang + ".txt";
  }

  /**
   * fairseq's {@code _dataset_dest_prefix}: {@code SPLIT.SRC-TGT.LANG}; {@code SPLIT} for language modeling
   * (only source, no language). fairseq names raw-text output {@code SPLIT.None-None} in that case, which its own
   * language-modeling loader cannot find; Leapseq uses {@code SPLIT} for both formats.
   */
  String outputPrefix(String split, String lang) {
    if (lang != null) {
      return split + "." + py(cfg.sourceLang()) + "-" + py(cfg.targetLang()) + "." + lang;
    }
    return cfg.onlySource() ? split : split + "." + py(cfg.sourceLang()) + "-" + py(cfg.targetLang());
  }

  /** train, then valid, valid1, ..., then test, test1, ... as fairseq's {@code _make_all}. */
  List<Split> splits() {
    List<Split> out = new ArrayList<>();
    if (cfg.trainpref() != null) {
      out.add(new Split("train", cfg.trainpref()));
    }
    addNumbered(out, "valid", cfg.validpref());
    addNumbered(out, "test", cfg.testpref());
    return out;
  }

  /** Every text file the run will read. */
  List<String> inputFiles() {
    List<String> files = new ArrayList<>();
    List<String> langs = new ArrayList<>();
    langs.add(cfg.sourceLang());
    if (cfg.hasTarget()) {
      langs.add(cfg.targetLang());
    }
    boolean needTrain = cfg.srcdict() == null || (cfg.hasTarget() && cfg.tgtdict() == null && !cfg.joinedDictionary());
    for (String lang : langs) {
      for (Split s : splits()) {
        if (!cfg.dictOnly() || (s.name().equals("train") && needTrain)) {
          files.add(inputFile(s.inputPrefix(), lang));
        }
      }
    }
    return files;
  }

  private static void addNumbered(List<Split> out, String name, String prefixes) {
    if (prefixes == null) {
      return;
    }
    String[] parts = prefixes.split(",", -1);
    for (int k = 0; k < parts.length; k++) {
      out.add(new Split(k > 0 ? name + k : name, parts[k]));
    }
  }
}
