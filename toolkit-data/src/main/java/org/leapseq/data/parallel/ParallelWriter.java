// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.corpus.Split;

/**
 * Writes parallel splits into a directory: for each split, {@code <split>.tsv} with one {@code id<TAB>src<TAB>tgt}
 * line per pair (no header), and the line-aligned plain texts {@code <split>.<srcLang>} and
 * {@code <split>.<tgtLang>}. Every file is written under a temporary name and renamed only once all are written.
 */
public final class ParallelWriter {
  private ParallelWriter() {}

  /** Writes all splits; returns the number of pairs per split. */
  public static Map<Split, Integer> write(ParallelSplits splits, Path outDir, String srcLang, String tgtLang) {
    createDirectories(outDir);
    Map<Split, Integer> counts = new EnumMap<>(Split.class);
    List<AtomicOutput> outs = new ArrayList<>();
    try {
      for (Split s : Split.values()) {
        AtomicOutput tsv = open(outs, outDir.resolve(s.prefix() + ".tsv"));
        AtomicOutput src = open(outs, outDir.resolve(s.prefix() + "." + srcLang));
        AtomicOutput tgt = open(outs, outDir.resolve(s.prefix() + "." + tgtLang));
        for (ParallelPair p : splits.get(s)) {
          line(tsv, p.id() + "\t" + p.src() + "\t" + p.tgt());
          line(src, p.src());
          line(tgt, p.tgt());
        }
        counts.put(s, splits.get(s).size());
      }
      for (AtomicOutput o : outs) {
        o.commit();
      }
    } finally {
      for (AtomicOutput o : outs) {
        o.close();
      }
    }
    return counts;
  }

  /** Writes {@code pairs} as {@code id<TAB>src<TAB>tgt} lines to {@code file}, atomically. */
  public static void writeTsv(List<ParallelPair> pairs, Path file) {
    try (AtomicOutput o = AtomicOutput.create(file)) {
      for (ParallelPair p : pairs) {
        line(o, p.id() + "\t" + p.src() + "\t" + p.tgt());
      }
      o.commit();
    }
  }

  private static AtomicOutput open(List<AtomicOutput> outs, Path file) {
    AtomicOutput o = AtomicOutput.create(file);
    outs.add(o);
    return o;
  }

  private static void line(AtomicOutput o, String line) {
    try {
      o.stream().write(line.getBytes(StandardCharsets.UTF_8));
      o.stream().write('\n');
    } catch (IOException e) {
      throw new LeapseqException(o.target() + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LeapseqException(dir + ": cannot create directory: " + IoErrors.describe(e), e);
    }
  }
}
