// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

/** The three output splits, each written to {@code <name>.txt}. */
public enum Split {
  TRAIN("train"),
  VALID("valid"),
  TEST("test");

  private final String prefix;

  Split(String prefix) {
    this.prefix = prefix;
  }

  /** The file name in the output directory, e.g. {@code train.txt}. */
  public String fileName() {
    return prefix + ".txt";
  }

  /** The split rule shared by all corpora: {@code n % 10 == 0} is test, {@code == 1} is valid, else train. */
  static Split byNumber(int n) {
    int r = n % 10;
    return r == 0 ? TEST : r == 1 ? VALID : TRAIN;
  }
}
