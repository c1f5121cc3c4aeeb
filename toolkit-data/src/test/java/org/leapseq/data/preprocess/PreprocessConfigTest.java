// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.leapseq.core.Configs;
import org.leapseq.core.LeapseqException;

class PreprocessConfigTest {
  private static PreprocessConfig lm() {
    return new PreprocessConfig(
        null, null, "train.txt", "v1,v2", null, "data-bin", 0, 0, -1, -1, null, null, false, true, 8, 2, false,
        "mmap");
  }

  @Test
  void roundTripsThroughJsonUnderFairseqNames() {
    String json = Configs.toJson(lm());
    assertTrue(json.contains("\"only_source\":true") && json.contains("\"padding_factor\":8"), json);
    assertEquals(lm(), Configs.fromJson(json, PreprocessConfig.class));
  }

  @Test
  void validationAppliesToJsonToo() {
    String bad = Configs.toJson(lm()).replace("\"workers\":2", "\"workers\":0");
    LeapseqException e = assertThrows(LeapseqException.class, () -> Configs.fromJson(bad, PreprocessConfig.class));
    assertEquals("--workers must be at least 1, got 0", e.getMessage());
  }

  @Test
  void joinedDictionaryCannotTakeBothDictionaries() {
    LeapseqException e =
        assertThrows(
            LeapseqException.class,
            () ->
                new PreprocessConfig(
                    "en", "de", "train", null, null, "d", 0, 0, -1, -1, "a.txt", "b.txt", true, false, 8, 1, false,
                    "mmap"));
    assertEquals("cannot use both --srcdict and --tgtdict with --joined-dictionary", e.getMessage());
  }
}
