// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.text;

import java.util.Arrays;

/**
 * A reusable splitter for hot loops: {@link #split} cuts a line at {@link PyWhitespace} runs (Python's
 * {@code str.split()}, fairseq's {@code tokenize_line}) into an internal array that grows as needed and is
 * overwritten by the next call, so no list is built per line. Not thread-safe; use one per worker.
 *
 * <pre>{@code
 * WordSplitter words = new WordSplitter();
 * int n = words.split(line);
 * for (int i = 0; i < n; i++) { use(words.word(i)); }
 * }</pre>
 */
public final class WordSplitter {
  private String[] words = new String[64];
  private int count;

  /** Splits {@code line} and returns the number of words; they are then available through {@link #word}. */
  public int split(CharSequence line) {
    String s = line.toString();
    int n = s.length();
    int found = 0;
    int i = 0;
    while (i < n) {
      while (i < n && PyWhitespace.isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !PyWhitespace.isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        if (found == words.length) {
          words = Arrays.copyOf(words, found * 2);
        }
        words[found++] = s.substring(start, i);
      }
    }
    count = found;
    return found;
  }

  /** The number of words found by the last {@link #split}. */
  public int count() {
    return count;
  }

  /** Word {@code i} (0-based, below {@link #count()}) of the last {@link #split}. */
  public String word(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("word " + i + " of " + count);
    }
    return words[i];
  }
}
