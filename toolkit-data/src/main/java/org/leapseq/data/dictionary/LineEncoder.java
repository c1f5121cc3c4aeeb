// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.dictionary;

import java.util.Arrays;
import org.leapseq.data.text.WordSplitter;

/**
 * Encodes lines into a reusable id buffer, as fairseq's {@code encode_line(add_if_not_exist=False)} with the
 * binarizer's replaced-word consumer: tokens are split on Python whitespace, unknown tokens become
 * {@link Dictionary#UNK}, {@link Dictionary#EOS} is appended, and {@link #replaced()} counts the tokens mapped to
 * {@code <unk>} that are not literally {@code <unk>}. The buffer returned by {@link #ids()} is overwritten by the
 * next {@link #encode}. Not thread-safe; use one per worker.
 */
public final class LineEncoder {
  private final Dictionary dict;
  private final WordSplitter words = new WordSplitter();
  private int[] ids = new int[64];
  private int length;
  private int replaced;

  LineEncoder(Dictionary dict) {
    this.dict = dict;
  }

  /** Encodes {@code line} and returns the number of ids, {@link Dictionary#EOS} included. */
  public int encode(CharSequence line) {
    int n = words.split(line);
    if (ids.length < n + 1) {
      ids = Arrays.copyOf(ids, Math.max(n + 1, ids.length * 2));
    }
    int unk = 0;
    for (int i = 0; i < n; i++) {
      String w = words.word(i);
      int idx = dict.index(w);
      if (idx == Dictionary.UNK && !w.equals(Dictionary.UNK_WORD)) {
        unk++;
      }
      ids[i] = idx;
    }
    ids[n] = Dictionary.EOS;
    length = n + 1;
    replaced = unk;
    return length;
  }

  /** The backing buffer; entries {@code [0, length())} hold the last line's ids. */
  public int[] ids() {
    return ids;
  }

  /** The number of ids of the last line, {@link Dictionary#EOS} included. */
  public int length() {
    return length;
  }

  /** How many tokens of the last line were replaced by {@code <unk>} (a literal {@code <unk>} is not counted). */
  public int replaced() {
    return replaced;
  }
}
