// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a result was measured on: CPU model and count, the OpenBLAS kernel, the allocator settings, the JVM and the
 * date. An {@code OPENBLAS_CORETYPE} older than the CPU (a Haswell kernel on an AVX-512 machine, say, often left in
 * a shell profile) is kept by the launchers, as every setting of the user's is, but halves gemm speed: it is logged
 * as a warning and recorded in the report's {@code warning} field so that such numbers are not compared with others.
 */
final class Machine {
  private static final Logger log = LoggerFactory.getLogger(Machine.class);
  /** OpenBLAS 0.3.19 kernels that use AVX-512. */
  private static final Set<String> AVX512_KERNELS = Set.of("skylakex", "cooperlake", "sapphirerapids");

  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", cpuinfo("model name").orElse("unknown"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("openblas_coretype", Optional.ofNullable(System.getenv("OPENBLAS_CORETYPE")).orElse("unset"));
    for (String v : new String[] {"OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_THREAD_TIMEOUT"}) {
      m.put(v.toLowerCase(Locale.ROOT), Optional.ofNullable(System.getenv(v)).orElse("unset"));
    }
    m.put("glibc_tunables", Optional.ofNullable(System.getenv("GLIBC_TUNABLES")).orElse("unset"));
    m.put("java", System.getProperty("java.version"));
    m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    m.put("date", LocalDate.now().toString());
    Set<String> flags = cpuinfo("flags").map(f -> Set.copyOf(Arrays.asList(f.split("\\s+")))).orElse(Set.of());
    coretypeWarning(flags, System.getenv("OPENBLAS_CORETYPE")).ifPresent(w -> {
      log.warn(w);
      m.put("warning", w);
    });
    return m;
  }

  /** A warning when {@code coretype} leaves AVX-512 unused on a CPU whose {@code flags} have it; else empty. */
  static Optional<String> coretypeWarning(Set<String> flags, String coretype) {
    if (coretype == null || !flags.contains("avx512f") || !flags.contains("avx512bw")
        || AVX512_KERNELS.contains(coretype.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of("OPENBLAS_CORETYPE=" + coretype + " on a CPU with AVX-512: OpenBLAS runs its "
        + coretype + " kernels at about half the gemm speed of SkylakeX; unset it (the launchers then pick"
        + " SkylakeX) to measure this machine");
  }

  /** The value of the first /proc/cpuinfo line starting with {@code key} (empty off Linux). */
  private static Optional<String> cpuinfo(String key) {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
