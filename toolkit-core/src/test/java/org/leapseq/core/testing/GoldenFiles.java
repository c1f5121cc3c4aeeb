// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the reference outputs live for parity tests in every module (shared through toolkit-core's test-jar):
 * {@code $LEAPSEQ_GOLDEN_DIR}, else {@code ../shared/golden} beside the repository root. Tests fail, never skip,
 * when it is missing.
 */
public final class GoldenFiles {
  private GoldenFiles() {}

  /** The golden directory (it may not exist; callers assert that). */
  public static Path directory() {
    String env = System.getenv("LEAPSEQ_GOLDEN_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return repoRoot().resolve("..").resolve("shared").resolve("golden").normalize();
  }

  /** The reactor root: Surefire's {@code leapseq.repo.root}, else the nearest parent holding the reactor pom. */
  public static Path repoRoot() {
    String prop = System.getProperty("leapseq.repo.root");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath();
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("toolkit-core"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root from " + start);
  }
}
