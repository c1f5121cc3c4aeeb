// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.preprocess;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/** A hidden folder inside the destination; {@link #publish()} moves its files up, {@link #close()} removes it. */
final class Staging implements AutoCloseable {
  private final Path destdir;
  private final Path dir;

  private Staging(Path destdir, Path dir) {
    this.destdir = destdir;
    this.dir = dir;
  }

  static Staging create(Path destdir) {
    try {
      return new Staging(destdir, Files.createTempDirectory(destdir, ".preprocess-"));
    } catch (IOException e) {
      throw new LeapseqException(destdir + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  /** Where to write the file that will be published as {@code destdir/name}. */
  Path path(String name) {
    return dir.resolve(name);
  }

  /** {@code e} with paths inside the staging folder shown under the names they would have been published as. */
  LeapseqException withFinalNames(LeapseqException e) {
    String msg = e.getMessage();
    String staged = dir + java.io.File.separator;
    return msg.contains(staged)
        ? new LeapseqException(msg.replace(staged, destdir + java.io.File.separator), e)
        : e;
  }

  /** Moves every file written here to the destination, replacing older files of the same name. */
  void publish() {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        Path target = destdir.resolve(f.getFileName());
        try {
          Files.move(f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new LeapseqException(destdir + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover hidden staging folder holds no file under a final name
    }
  }
}
