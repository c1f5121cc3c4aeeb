// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * fairseq's checkpoint names and retention ({@code checkpoint_utils.save_checkpoint}): which files one save writes
 * and which older ones it removes. The first name is written, the others are copies (each atomically).
 */
final class CheckpointFiles {
  private static final Pattern EPOCH = Pattern.compile("checkpoint(\\d+)" + Pattern.quote(CheckpointConfig.EXT));
  private static final Pattern UPDATES =
      Pattern.compile("checkpoint_\\d+_(\\d+)" + Pattern.quote(CheckpointConfig.EXT));

  private CheckpointFiles() {}

  /** The names a save at this point writes, first the one to write, in fairseq's order. */
  static List<String> names(CheckpointConfig cfg, int epoch, boolean endOfEpoch, long updates, boolean newBest) {
    List<String> names = new ArrayList<>();
    if (endOfEpoch && !cfg.noEpochCheckpoints() && epoch % cfg.saveInterval() == 0) {
      names.add("checkpoint" + epoch + CheckpointConfig.EXT);
    }
    if (!endOfEpoch && cfg.saveIntervalUpdates() > 0 && updates % cfg.saveIntervalUpdates() == 0) {
      names.add("checkpoint_" + epoch + "_" + updates + CheckpointConfig.EXT);
    }
    if (newBest) {
      names.add("checkpoint_best" + CheckpointConfig.EXT);
    }
    if (!cfg.noLastCheckpoints()) {
      names.add(CheckpointConfig.LAST);
    }
    return names;
  }

  /** Copies {@code from} to {@code to} through a temporary file, fsynced, then renamed. */
  static void copy(Path from, Path to) {
    try (AtomicOutput out = AtomicOutput.create(to)) {
      Files.copy(from, out.stream());
      out.commit();
    } catch (IOException e) {
      throw new LeapseqException(to + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  /** Removes interval and epoch checkpoints beyond the configured counts (newest kept). */
  static void prune(CheckpointConfig cfg, Path dir, boolean endOfEpoch) {
    if (!endOfEpoch && cfg.keepIntervalUpdates() > 0) {
      removeBeyond(dir, UPDATES, cfg.keepIntervalUpdates());
    }
    if (cfg.keepLastEpochs() > 0) {
      removeBeyond(dir, EPOCH, cfg.keepLastEpochs());
    }
  }

  /** Files of {@code dir} matching {@code pattern}, newest (largest number) first. */
  static List<Path> matching(Path dir, Pattern pattern) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> pattern.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong((Path p) -> number(pattern, p)).reversed())
          .toList();
    } catch (IOException e) {
      throw new LeapseqException(dir + ": cannot list: " + IoErrors.describe(e), e);
    }
  }

  private static void removeBeyond(Path dir, Pattern pattern, int keep) {
    List<Path> files = matching(dir, pattern);
    for (Path old : files.subList(Math.min(keep, files.size()), files.size())) {
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        throw new LeapseqException(old + ": cannot remove: " + IoErrors.describe(e), e);
      }
    }
  }

  private static long number(Pattern pattern, Path p) {
    Matcher m = pattern.matcher(p.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalStateException(p.toString());
    }
    return Long.parseLong(m.group(1));
  }
}
