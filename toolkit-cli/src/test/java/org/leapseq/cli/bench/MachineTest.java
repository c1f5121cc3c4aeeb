// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MachineTest {
  private static final Set<String> AVX512 = Set.of("fma", "avx2", "avx512f", "avx512bw", "avx512vl");
  private static final Set<String> AVX2 = Set.of("fma", "avx2");

  @Test
  void warnsWhenAnOlderKernelIsForcedOnAnAvx512Cpu() {
    Optional<String> w = Machine.coretypeWarning(AVX512, "Haswell");
    assertTrue(w.isPresent() && w.get().startsWith("OPENBLAS_CORETYPE=Haswell on a CPU with AVX-512"), w.toString());
    assertTrue(Machine.coretypeWarning(AVX512, "Prescott").isPresent());
  }

  @Test
  void staysQuietForMatchingKernelsUnsetValuesAndOlderCpus() {
    assertEquals(Optional.empty(), Machine.coretypeWarning(AVX512, "SkylakeX"));
    assertEquals(Optional.empty(), Machine.coretypeWarning(AVX512, "COOPERLAKE"));
    assertEquals(Optional.empty(), Machine.coretypeWarning(AVX512, null));
    assertEquals(Optional.empty(), Machine.coretypeWarning(AVX2, "Haswell"));
  }
}
