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

  /** The split's name, the stem of its files: {@code train}, {@code valid} or {@code test}. */
  public String prefix() {
    return prefix;
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
