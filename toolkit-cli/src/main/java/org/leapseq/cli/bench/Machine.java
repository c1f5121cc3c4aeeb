// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What a result was measured on: CPU model and count, the OpenBLAS kernel, the JVM and the date. */
final class Machine {
  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", cpuModel().orElse("unknown"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("openblas_coretype", Optional.ofNullable(System.getenv("OPENBLAS_CORETYPE")).orElse("unset"));
    for (String v : new String[] {"OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_THREAD_TIMEOUT"}) {
      m.put(v.toLowerCase(java.util.Locale.ROOT), Optional.ofNullable(System.getenv(v)).orElse("unset"));
    }
    m.put("java", System.getProperty("java.version"));
    m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    m.put("date", LocalDate.now().toString());
    return m;
  }

  private static Optional<String> cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
