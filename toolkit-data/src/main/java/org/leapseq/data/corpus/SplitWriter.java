// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * The three output files, open under temporary names until {@link #commit()}; closing without a commit leaves
 * the output directory as it was. Counts every line it writes.
 */
final class SplitWriter implements AutoCloseable {
  private final Map<Split, AtomicOutput> outputs = new EnumMap<>(Split.class);
  private final Map<Split, SplitCounts> counts = new EnumMap<>(Split.class);

  SplitWriter(Path outDir) {
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new LeapseqException(outDir + ": cannot create directory: " + IoErrors.describe(e), e);
    }
    try {
      for (Split s : Split.values()) {
        outputs.put(s, AtomicOutput.create(outDir.resolve(s.fileName())));
        counts.put(s, SplitCounts.EMPTY);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Appends {@code line} and a newline to {@code split}'s file; the line must hold no line terminator. */
  void write(Split split, String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    AtomicOutput out = outputs.get(split);
    try {
      out.stream().write(bytes);
      out.stream().write('\n');
    } catch (IOException e) {
      throw new LeapseqException(out.target() + ": cannot write: " + IoErrors.describe(e), e);
    }
    counts.put(split, counts.get(split).plusLine(Text.countTokens(line), bytes.length + 1L));
  }

  /** Renames all three files onto their final names and returns what they hold. */
  SplitStats commit() {
    for (AtomicOutput out : outputs.values()) {
      out.commit();
    }
    return new SplitStats(counts.get(Split.TRAIN), counts.get(Split.VALID), counts.get(Split.TEST));
  }

  @Override
  public void close() {
    for (AtomicOutput out : outputs.values()) {
      out.close();
    }
  }
}
