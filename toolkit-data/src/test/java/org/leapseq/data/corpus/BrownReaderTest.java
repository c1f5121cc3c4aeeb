// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BrownReaderTest {
  @Test
  void splitsEachTokenOnItsLastSlash() {
    assertEquals("1-1/2 minutes", BrownReader.untag("1-1/2/cd minutes/nns"));
    assertEquals("Atlanta's not I'll ,", BrownReader.untag("Atlanta's/np$ not/* I'll/ppss+md ,/,-hl"));
    assertEquals("-- ( )", BrownReader.untag("--/-- (/( )/)"));
  }

  @Test
  void keepsTokensWithoutASlashAndNormalisesSpace() {
    assertEquals("plain word", BrownReader.untag("\tplain  word/nn \t"));
    assertEquals("", BrownReader.untag(" \t "));
    assertEquals("", BrownReader.untag(""));
  }
}
