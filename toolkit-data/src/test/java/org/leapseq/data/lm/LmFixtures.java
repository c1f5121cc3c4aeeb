// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import java.nio.file.Path;
import org.leapseq.data.indexed.DType;
import org.leapseq.data.indexed.MmapIndexedDatasetBuilder;

/** Tiny hand-made binarized splits (2 is {@code </s>}, words are ids 10 and up). */
final class LmFixtures {
  /**
   * Nine lines, sizes {@code [3,2,1,5,2,1,1,7,2]}, 24 tokens; items 2, 5 and 6 are empty lines (document breaks).
   * Stream positions: item 0 = [0,3), 1 = [3,5), 2 = [5,6), 3 = [6,11), 4 = [11,13), 5 = [13,14), 6 = [14,15),
   * 7 = [15,22), 8 = [22,24).
   */
  static final int[][] DOCS = {
      {10, 11, 2}, {12, 2}, {2}, {13, 14, 15, 16, 2}, {17, 2}, {2}, {2}, {18, 19, 20, 21, 22, 23, 2}, {24, 2}};

  private LmFixtures() {}

  static Path write(Path prefix, int[][] items) {
    try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(prefix, DType.UINT16)) {
      for (int[] item : items) {
        b.add(item, item.length);
      }
      b.finish();
    }
    return prefix;
  }
}
