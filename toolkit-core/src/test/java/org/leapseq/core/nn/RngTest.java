// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.leapseq.core.tensor.NnOps;
import org.leapseq.core.tensor.Phase;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RngTest {
  @Test
  void streamIsSplitMix64AsInSplittableRandom() {
    Rng r = new Rng(42);
    SplittableRandom s = new SplittableRandom(42);
    for (int i = 0; i < 1000; i++) {
      assertEquals(s.nextLong(), r.nextLong());
      assertEquals(s.nextDouble(), r.nextDouble());
    }
  }

  @Test
  void sameSeedSameDrawsAndOtherSeedOtherDraws() {
    Rng a = new Rng(7);
    Rng b = new Rng(7);
    Rng c = new Rng(8);
    boolean differs = false;
    for (int i = 0; i < 100; i++) {
      double x = a.nextGaussian();
      assertEquals(x, b.nextGaussian());
      differs |= x != c.nextGaussian();
    }
    assertTrue(differs);
  }

  @Test
  void restoreReplaysEveryLaterDrawBitExactly() {
    Rng r = new Rng(3);
    r.nextDouble();
    long saved = r.state();
    double[] first = {r.nextGaussian(), r.nextDouble(), r.nextInt(10), r.nextLong()};
    Rng resumed = new Rng(999);
    resumed.restore(saved);
    double[] again = {resumed.nextGaussian(), resumed.nextDouble(), resumed.nextInt(10), resumed.nextLong()};
    assertEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(again));
    r.reseed(3);
    assertEquals(new Rng(3).nextLong(), r.nextLong());
  }

  @Test
  void splitGivesAnIndependentDeterministicStream() {
    Rng a = new Rng(5);
    Rng child = a.split();
    Rng b = new Rng(5);
    Rng child2 = b.split();
    assertEquals(child.nextLong(), child2.nextLong());
    assertEquals(a.nextLong(), b.nextLong());
    assertNotEquals(child.state(), a.state());
  }

  @Test
  void uniformAndGaussianMoments() {
    Rng r = new Rng(11);
    int n = 200_000;
    double su = 0;
    double sg = 0;
    double sg2 = 0;
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      assertTrue(u >= 0 && u < 1);
      su += u;
      double g = r.nextGaussian();
      sg += g;
      sg2 += g * g;
    }
    assertEquals(0.5, su / n, 0.005);
    assertEquals(0.0, sg / n, 0.01);
    assertEquals(1.0, sg2 / n, 0.01);
  }

  @Test
  void dropoutMaskReplaysAfterRestore() {
    Rng r = new Rng(17);
    Tensor x = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 8, 8));
    long saved = r.state();
    INDArray m1 = NnOps.dropout(x, 0.5, Phase.TRAIN, r).value();
    INDArray m2 = NnOps.dropout(x, 0.5, Phase.TRAIN, r).value();
    assertNotEquals(m1, m2);
    r.restore(saved);
    assertEquals(m1, NnOps.dropout(x, 0.5, Phase.TRAIN, r).value());
  }
}
