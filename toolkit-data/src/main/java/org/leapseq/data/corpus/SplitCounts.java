// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

/**
 * What one output file holds: {@code lines}, {@code tokens} (whitespace-separated words, as Python's
 * {@code str.split()} counts them) and {@code bytes} (UTF-8, newlines included).
 */
public record SplitCounts(long lines, long tokens, long bytes) {
  /** No lines. */
  public static final SplitCounts EMPTY = new SplitCounts(0, 0, 0);

  /** These counts plus one line of {@code tokens} words and {@code bytes} bytes. */
  SplitCounts plusLine(long lineTokens, long lineBytes) {
    return new SplitCounts(lines + 1, tokens + lineTokens, bytes + lineBytes);
  }

  /** The element-wise sum. */
  public SplitCounts plus(SplitCounts o) {
    return new SplitCounts(lines + o.lines, tokens + o.tokens, bytes + o.bytes);
  }
}
