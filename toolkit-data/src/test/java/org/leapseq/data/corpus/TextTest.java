// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void countsTokensLikePythonSplit() {
    assertEquals(0, Text.countTokens(""));
    assertEquals(0, Text.countTokens(" \t "));
    assertEquals(3, Text.countTokens(" a  b\tc "));
    assertEquals(2, Text.countTokens("a\u00a0b"));
    assertEquals(1, Text.countTokens("ago\u2014never"));
  }

  @Test
  void stripsTrailingWhitespaceOnly() {
    assertEquals("  x y", Text.stripTrailing("  x y \t\u3000"));
    assertEquals("", Text.stripTrailing(" "));
  }

  @Test
  void splitRuleByNumber() {
    assertEquals(Split.TEST, Split.byNumber(10));
    assertEquals(Split.VALID, Split.byNumber(1791));
    assertEquals(Split.TRAIN, Split.byNumber(2));
    assertEquals("valid.txt", Split.VALID.fileName());
  }
}
