// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

/**
 * One aligned sentence pair: {@code id} says where it comes from (a verse key such as {@code Genesis 1:1}, or a
 * gettext domain), {@code src} and {@code tgt} are single-line texts.
 */
public record ParallelPair(String id, String src, String tgt) {
  public ParallelPair {
    for (String s : new String[] {id, src, tgt}) {
      if (s.indexOf('\n') >= 0 || s.indexOf('\t') >= 0 || s.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("pair field holds a tab or line break: " + s);
      }
    }
  }
}
