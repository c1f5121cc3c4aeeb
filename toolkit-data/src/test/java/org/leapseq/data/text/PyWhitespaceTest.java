// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyWhitespaceTest {
  /** Python: [c for c in range(0x110000) if chr(c).isspace()]. */
  static final int[] PYTHON_SPACES = {
    0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002,
    0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000
  };

  @Test
  void exactlyThePythonSetIsSpace() {
    List<Integer> found = new ArrayList<>();
    for (int cp = -1; cp <= Character.MAX_CODE_POINT + 1; cp++) {
      if (PyWhitespace.isSpace(cp)) {
        found.add(cp);
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int cp : PYTHON_SPACES) {
      expected.add(cp);
    }
    assertEquals(29, expected.size());
    assertEquals(expected, found);
  }

  @Test
  void zeroWidthAndMongolianVowelSeparatorAreNotSpace() {
    assertFalse(PyWhitespace.isSpace(0x200B));
    assertFalse(PyWhitespace.isSpace(0x180E));
    assertFalse(PyWhitespace.isSpace(0xFEFF));
    assertEquals(List.of("a\u200bb", "c\u180ed"), PyWhitespace.split("a\u200bb c\u180ed"));
  }

  @Test
  void splitsOnEverySpaceAndRuns() {
    StringBuilder sb = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < PYTHON_SPACES.length; i++) {
      sb.append("w").append(i).appendCodePoint(PYTHON_SPACES[i]);
      expected.add("w" + i);
    }
    assertEquals(expected, PyWhitespace.split(sb));
    assertEquals(List.of("the", "dog"), PyWhitespace.split("  the \u3000\u00a0 dog\n"));
    assertEquals(List.of(), PyWhitespace.split(" \t\r\n"));
    assertEquals(List.of(), PyWhitespace.split(""));
    assertEquals(List.of("\ud83d\ude00x", "y"), PyWhitespace.split("\ud83d\ude00x\u2029y"));
  }

  @Test
  void stripAndRstripUsePythonSpaces() {
    assertEquals("\u0085 a b", PyWhitespace.rstrip("\u0085 a b \u2028\u00a0\r\n"));
    assertEquals("a b", PyWhitespace.strip("\u0085 a b \u2028\u00a0\r\n"));
    assertEquals("a\u200b", PyWhitespace.strip("\u3000a\u200b\u205f"));
    assertEquals("", PyWhitespace.strip(" \u1680 "));
    assertEquals("", PyWhitespace.rstrip(""));
  }

  @Test
  void wordSplitterMatchesSplitAndReusesStorage() {
    WordSplitter ws = new WordSplitter();
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      many.append("t").append(i).append(i % 3 == 0 ? "\u2000" : " \t");
    }
    for (String line : List.of(many.toString(), " x  y\u000b", "", "\u00a0\u00a0", "solo")) {
      List<String> expected = PyWhitespace.split(line);
      int n = ws.split(line);
      assertEquals(expected.size(), n);
      assertEquals(n, ws.count());
      List<String> got = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        got.add(ws.word(i));
      }
      assertEquals(expected, got);
    }
    assertTrue(ws.split("a b") == 2 && ws.word(1).equals("b"));
  }
}
