// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.encoders.SpaceTokenizer;
import org.leapseq.data.encoders.Tokenizer;
import org.junit.jupiter.api.Test;

class BuiltInsTest {
  @Test
  void spaceTokenizerCollapsesPythonWhitespaceRuns() {
    Tokenizer t = BuiltIns.registries().tokenizers().create("space", new SpaceTokenizer.Config());
    assertEquals(" a b c ", t.encode("\u3000a \t\u00a0b\u2028c\n"));
    assertEquals("a\u200bb", t.encode("a\u200bb"));
    assertEquals(" x ", t.decode(" x "));
  }

  @Test
  void namesAreListedAndUnknownOnesRefused() {
    assertEquals(List.of("space"), BuiltIns.registries().tokenizers().names());
    LeapseqException e =
        assertThrows(LeapseqException.class, () -> BuiltIns.registries().tokenizers().get("moses"));
    assertEquals("unknown tokenizer 'moses'; valid choices: space", e.getMessage());
  }
}
