// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real data where the Debian packages are installed (skipped elsewhere): the whole KJV / RV1909 alignment
 * (sword-text-kjv, sword-text-sparv, libsword-utils) and the German catalogs under /usr/share/locale.
 */
class InstalledCorporaTest {
  private static final Path SWORD = Path.of("/usr/share/sword/mods.d");
  private static final Path LOCALE = Path.of("/usr/share/locale");

  @TempDir Path dir;

  @Test
  void wholeBibleAlignsAndSplitsByBook() throws IOException, InterruptedException {
    assumeTrue(onPath("mod2imp") && Files.exists(SWORD.resolve("engKJV2006eb.conf"))
        && Files.exists(SWORD.resolve("spaRV1909eb.conf")), "sword-text-kjv, sword-text-sparv, libsword-utils not installed");
    Path kjv = dump("engKJV2006eb");
    Path rv = dump("spaRV1909eb");
    assumeTrue(Files.size(kjv) > 0 && Files.size(rv) > 0, "modules engKJV2006eb / spaRV1909eb not installed");
    List<ParallelPair> pairs = BibleCorpus.align(kjv, rv);
    assertEquals(31_084, pairs.size());
    assertEquals(new ParallelPair("Genesis 1:1", "In the beginning God created the heaven and the earth.",
        "EN el principio crió Dios los cielos y la tierra."), pairs.get(0));
    ParallelSplits s = BibleCorpus.split(pairs);
    assertEquals(List.of(29_973, 433, 678), List.of(s.train().size(), s.valid().size(), s.test().size()));
  }

  @Test
  void installedGermanCatalogsHarvest() throws IOException {
    assumeTrue(Files.isDirectory(LOCALE.resolve("de/LC_MESSAGES")), "no German catalogs installed");
    GettextCorpus.Harvest h = GettextCorpus.harvest("de", List.of(LOCALE));
    assertTrue(h.catalogs() > 0 && !h.natural().isEmpty(), "catalogs " + h.catalogs());
    ParallelSplits s = GettextCorpus.split(h.natural());
    long nonIso = h.natural().stream().filter(p -> !p.id().startsWith("iso_")).count();
    assertEquals(nonIso, s.train().size() + s.valid().size() + s.test().size());
  }

  private Path dump(String module) throws IOException, InterruptedException {
    Path out = dir.resolve(module + ".imp");
    Process p = new ProcessBuilder("mod2imp", module).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    p.waitFor();
    return out;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d.isEmpty() ? "." : d, program))) {
        return true;
      }
    }
    return false;
  }
}
