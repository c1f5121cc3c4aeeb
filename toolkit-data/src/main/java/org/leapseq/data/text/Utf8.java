// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.text;

/**
 * A strict UTF-8 decoder matching Python's {@code "utf-8"} codec with {@code errors="strict"}: it rejects
 * stray continuation bytes, overlong forms, encoded surrogates (U+D800..U+DFFF), code points above U+10FFFF and
 * truncated sequences.
 */
final class Utf8 {
  private Utf8() {}

  /**
   * Decodes {@code src[from, to)} into {@code dst} (which must hold {@code to - from} chars) and returns the number
   * of chars written, or {@code -(i + 1)} where {@code i} is the index of the first byte of an invalid sequence.
   */
  static int decode(byte[] src, int from, int to, char[] dst) {
    int i = from;
    int j = 0;
    while (i < to) {
      int b = src[i];
      if (b >= 0) {
        dst[j++] = (char) b;
        i++;
        continue;
      }
      b &= 0xFF;
      int len = b < 0xC2 ? 0 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 0;
      if (len == 0 || i + len > to || !validSecond(b, src[i + 1] & 0xFF)) {
        return -(i + 1);
      }
      int cp = b & (0x7F >> len);
      for (int k = 1; k < len; k++) {
        int c = src[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          return -(i + 1);
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (cp >= 0x10000) {
        dst[j++] = Character.highSurrogate(cp);
        dst[j++] = Character.lowSurrogate(cp);
      } else {
        dst[j++] = (char) cp;
      }
      i += len;
    }
    return j;
  }

  /** The range allowed for the second byte after lead byte {@code b}: no overlongs, surrogates or > U+10FFFF. */
  private static boolean validSecond(int b, int c) {
    switch (b) {
      case 0xE0:
        return c >= 0xA0 && c <= 0xBF;
      case 0xED:
        return c >= 0x80 && c <= 0x9F;
      case 0xF0:
        return c >= 0x90 && c <= 0xBF;
      case 0xF4:
        return c >= 0x80 && c <= 0x8F;
      default:
        return (c & 0xC0) == 0x80;
    }
  }
}
