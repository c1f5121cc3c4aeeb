// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;

class DTypeTest {
  @Test
  void codesAndItemSizesMatchFairseq() {
    int[][] expected = {{1, 1}, {2, 1}, {3, 2}, {4, 4}, {5, 8}, {6, 8}, {7, 8}, {8, 2}, {9, 4}, {10, 8}};
    DType[] order = {
      DType.UINT8, DType.INT8, DType.INT16, DType.INT32, DType.INT64,
      DType.FLOAT64, DType.DOUBLE, DType.UINT16, DType.UINT32, DType.UINT64
    };
    for (int k = 0; k < order.length; k++) {
      assertEquals(expected[k][0], order[k].code());
      assertEquals(expected[k][1], order[k].itemSize());
      assertEquals(order[k], DType.fromCode(expected[k][0]));
    }
  }

  @Test
  void unknownCodeIsNamed() {
    for (int code : new int[] {0, 11, -1, 255}) {
      LeapseqException e = assertThrows(LeapseqException.class, () -> DType.fromCode(code));
      assertTrue(e.getMessage().contains(Integer.toString(code)), e.getMessage());
    }
  }

  @Test
  void bestFittingBoundaries() {
    assertEquals(DType.UINT16, DType.bestFitting(0));
    assertEquals(DType.UINT16, DType.bestFitting(65499));
    assertEquals(DType.UINT32, DType.bestFitting(65500));
    assertEquals(DType.UINT32, DType.bestFitting(4294967294L));
    assertEquals(DType.INT64, DType.bestFitting(4294967295L));
    assertEquals(DType.INT64, DType.bestFitting(Long.MAX_VALUE));
  }
}
