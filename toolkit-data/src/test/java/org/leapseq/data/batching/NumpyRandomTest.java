// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;

/** Golden values printed by numpy 2.4.6 ({@code np.random.seed(s); np.random.permutation(n)} / {@code shuffle}). */
class NumpyRandomTest {
  @Test
  void firstOutputIsMt19937InitGenrand() {
    // std::mt19937(0) and np.random.seed(0) both start with 2357136044; seed 5489 with 3499211612.
    assertEquals(2357136044L, new NumpyRandom(0).nextUint32());
    assertEquals(3499211612L, new NumpyRandom(5489).nextUint32());
  }

  @Test
  void permutationEqualsNumpy() {
    assertArrayEquals(new int[] {2, 8, 4, 9, 1, 6, 7, 3, 0, 5}, new NumpyRandom(0).permutation(10));
    assertArrayEquals(new int[] {2, 9, 6, 4, 0, 3, 1, 7, 8, 5}, new NumpyRandom(1).permutation(10));
    assertArrayEquals(new int[] {8, 1, 5, 0, 7, 2, 9, 4, 3, 6}, new NumpyRandom(42).permutation(10));
    assertArrayEquals(new int[] {4, 1, 0, 2, 3}, new NumpyRandom(0xffffffffL).permutation(5));
    int[] p = new NumpyRandom(7).permutation(1000);
    assertArrayEquals(new int[] {778, 334, 271, 802, 216, 408, 812, 94}, Arrays.copyOf(p, 8));
    assertEquals(246202311L, IntStream.range(0, 1000).mapToLong(i -> (long) i * p[i]).sum());
    // 70000 > 2**16: the rejection mask spans 17 bits.
    assertArrayEquals(new int[] {6628, 2777, 7414, 63950, 44249},
        Arrays.copyOf(new NumpyRandom(5).permutation(70000), 5));
  }

  @Test
  void listShuffleEqualsNumpy() {
    List<Integer> l = new ArrayList<>(IntStream.range(0, 12).boxed().toList());
    new NumpyRandom(3).shuffle(l);
    assertEquals(List.of(5, 4, 1, 2, 11, 6, 7, 0, 3, 9, 8, 10), l);
    l = new ArrayList<>(IntStream.range(0, 12).boxed().toList());
    new NumpyRandom(12).shuffle(l);
    assertEquals(List.of(10, 5, 9, 8, 0, 4, 7, 3, 2, 1, 6, 11), l);
  }

  @Test
  void seedOutsideNumpysRangeFails() {
    assertThrows(LeapseqException.class, () -> new NumpyRandom(-1));
    assertThrows(LeapseqException.class, () -> new NumpyRandom(1L << 32));
  }
}
