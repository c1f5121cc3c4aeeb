// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.leapseq.core.Configs;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.PyFormat;
import org.leapseq.core.logging.LogSink;
import org.leapseq.data.dictionary.Dictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs fairseq-preprocess for one {@link PreprocessConfig}. All output is written into a hidden staging folder
 * inside {@code --destdir} and moved under its final names only after everything succeeded, so a failure (bad
 * input, full disk) leaves no partial dictionary or dataset behind.
 */
public final class Preprocessor {
  private static final Logger log = LoggerFactory.getLogger(Preprocessor.class);

  private final PreprocessConfig cfg;
  private final Layout layout;

  public Preprocessor(PreprocessConfig cfg) {
    this.cfg = cfg;
    this.layout = new Layout(cfg);
  }

  /** Builds or loads the dictionaries, then writes every requested split. */
  public void run() {
    Path destdir = Path.of(cfg.destdir());
    checkInputs();
    createDirectory(destdir);
    refuseExistingDictionaries(destdir);
    try (LogSink.FileCopy copy = logCopy(destdir.resolve("preprocess.log"))) {
      log.info("{}", Configs.toJson(cfg));
      try (Staging staging = Staging.create(destdir)) {
        try {
          writeAll(staging);
        } catch (LeapseqException e) {
          throw staging.withFinalNames(e);
        }
        staging.publish();
      }
      log.info("Wrote preprocessed data to {}", cfg.destdir());
    }
  }

  private static LogSink.FileCopy logCopy(Path logFile) {
    try {
      return LogSink.get().copyTo(logFile);
    } catch (IOException e) {
      throw new LeapseqException(logFile + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  private void writeAll(Staging staging) {
    Dictionary src = sourceDictionary();
    Dictionary tgt = cfg.hasTarget() ? (cfg.joinedDictionary() ? src : targetDictionary()) : null;
    src.save(staging.path(layout.dictFile(cfg.sourceLang())));
    if (tgt != null) {
      tgt.save(staging.path(layout.dictFile(cfg.targetLang())));
    }
    if (cfg.dictOnly()) {
      return;
    }
    makeAll(cfg.sourceLang(), src, staging);
    if (tgt != null) {
      makeAll(cfg.targetLang(), tgt, staging);
    }
  }

  private Dictionary sourceDictionary() {
    if (cfg.srcdict() != null) {
      return Dictionary.load(Path.of(cfg.srcdict()));
    }
    if (cfg.joinedDictionary() && cfg.tgtdict() != null) {
      return Dictionary.load(Path.of(cfg.tgtdict()));
    }
    Set<Path> files = new LinkedHashSet<>();
    files.add(Path.of(layout.inputFile(cfg.trainpref(), cfg.sourceLang())));
    if (cfg.joinedDictionary()) {
      files.add(Path.of(layout.inputFile(cfg.trainpref(), cfg.targetLang())));
    }
    return build(List.copyOf(files), cfg.thresholdsrc(), cfg.nwordssrc());
  }

  private Dictionary targetDictionary() {
    if (cfg.tgtdict() != null) {
      return Dictionary.load(Path.of(cfg.tgtdict()));
    }
    Path train = Path.of(layout.inputFile(cfg.trainpref(), cfg.targetLang()));
    return build(List.of(train), cfg.thresholdtgt(), cfg.nwordstgt());
  }

  private Dictionary build(List<Path> files, int threshold, int nwords) {
    long t0 = System.nanoTime();
    Dictionary d = Dictionary.countCorpus(files, cfg.workers());
    d.finish(threshold, nwords, cfg.paddingFactor());
    log.info("built a dictionary of {} types from {} in {} s", d.size(), files, seconds(t0));
    return d;
  }

  private void makeAll(String lang, Dictionary dict, Staging staging) {
    for (Layout.Split split : layout.splits()) {
      Path input = Path.of(layout.inputFile(split.inputPrefix(), lang));
      Path out = staging.path(layout.outputPrefix(split.name(), lang));
      if (cfg.datasetImpl().equals("raw")) {
        copyRaw(input, out);
        continue;
      }
      log.info("[{}] Dictionary: {} types", Layout.py(lang), dict.size());
      long t0 = System.nanoTime();
      BinarizeSummary s = Binarizer.binarize(input, dict, out, cfg.workers());
      String secs = seconds(t0);
      log.info(
          "[{}] {}: {} sents, {} tokens, {}% replaced (by {})",
          Layout.py(lang),
          input,
          s.sequences(),
          s.tokens(),
          PyFormat.general(100.0 * s.replaced() / s.tokens(), 3),
          Dictionary.UNK_WORD);
      log.info("binarized {} in {} s with {} worker(s)", input, secs, cfg.workers());
    }
  }

  private static String seconds(long startNanos) {
    return String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - startNanos) / 1e9);
  }

  private static void copyRaw(Path input, Path out) {
    try {
      Files.copy(input, out);
    } catch (IOException e) {
      throw new LeapseqException(out + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  /** Every input file and given dictionary must be a readable regular file before anything is written. */
  private void checkInputs() {
    List<String> files = new ArrayList<>(layout.inputFiles());
    if (cfg.srcdict() != null) {
      files.add(cfg.srcdict());
    }
    if (cfg.tgtdict() != null) {
      files.add(cfg.tgtdict());
    }
    for (String f : files) {
      Path p = Path.of(f);
      if (!Files.isRegularFile(p)) {
        throw LeapseqException.of("%s: %s", f, Files.exists(p) ? "not a regular file" : "no such file");
      }
      if (!Files.isReadable(p)) {
        throw LeapseqException.of("%s: cannot read: permission denied", f);
      }
    }
  }

  private void refuseExistingDictionaries(Path destdir) {
    if (cfg.srcdict() == null && !(cfg.joinedDictionary() && cfg.tgtdict() != null)) {
      refuseExisting(destdir.resolve(layout.dictFile(cfg.sourceLang())), "--srcdict");
    }
    if (cfg.hasTarget() && cfg.tgtdict() == null && !(cfg.joinedDictionary() && cfg.srcdict() != null)) {
      refuseExisting(destdir.resolve(layout.dictFile(cfg.targetLang())), "--tgtdict");
    }
  }

  private static void refuseExisting(Path dict, String flag) {
    if (Files.exists(dict)) {
      throw LeapseqException.of(
          "%s already exists; pass %s %s to reuse it, or remove it or choose another --destdir", dict, flag, dict);
    }
  }

  private static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LeapseqException(dir + ": cannot create directory: " + IoErrors.describe(e), e);
    }
  }
}
