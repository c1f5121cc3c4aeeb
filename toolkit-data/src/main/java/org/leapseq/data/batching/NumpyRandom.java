// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

import java.util.Collections;
import java.util.List;
import org.leapseq.core.Require;

/**
 * numpy's legacy {@code np.random.seed(int)} stream (MT19937 seeded by {@code init_genrand}) with the two draws
 * fairseq's batching uses: {@code permutation(n)} and {@code shuffle(list)}, both Fisher-Yates from the end with
 * {@code random_interval}'s masked rejection sampling, and {@code randint(low, high)} as fairseq's SpecAugment
 * draws it. For the same seed the results equal numpy's exactly.
 */
public final class NumpyRandom {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int pos;

  /** {@code np.random.seed(seed)}; numpy accepts 0 to 2**32 - 1. */
  public NumpyRandom(long seed) {
    Require.that(seed >= 0 && seed <= 0xffffffffL, "Seed must be between 0 and 2**32 - 1, got %d", seed);
    int s = (int) seed;
    for (int i = 0; i < N; i++) {
      mt[i] = s;
      s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
    }
    pos = N;
  }

  /** The next 32 random bits as an unsigned value. */
  long nextUint32() {
    if (pos >= N) {
      twist();
    }
    int y = mt[pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  /** numpy's {@code random_interval(max)}: uniform in {@code [0, max]}. */
  int interval(int max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long v;
    do {
      v = nextUint32() & mask;
    } while (v > max);
    return (int) v;
  }

  /**
   * {@code np.random.randint(low, high)} for one int64 value in {@code [low, high)}: legacy masked rejection on
   * 32-bit draws, {@code low + random_interval(high - low - 1)}; {@code low >= high} is an error like numpy's.
   */
  public int randint(int low, int high) {
    Require.that(low < high, "randint: low >= high (%d >= %d)", low, high);
    return low + interval(high - low - 1);
  }

  /** {@code np.random.permutation(n)}. */
  int[] permutation(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i >= 1; i--) {
      int j = interval(i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** {@code np.random.shuffle(list)} in place. */
  void shuffle(List<?> list) {
    for (int i = list.size() - 1; i >= 1; i--) {
      Collections.swap(list, i, interval(i));
    }
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
    }
    pos = 0;
  }
}
