// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class AdamKernelTest {
  private static final AdamKernel.Coefs PLAIN = new AdamKernel.Coefs(0.9, 0.98, 1e-8, 0, -1e-3 * 0.7);
  private static final AdamKernel.Coefs DECAY = new AdamKernel.Coefs(0.8, 0.999, 1e-6, -0.01 * 1e-3, -2e-3);

  @Test
  void loopMatchesTheNd4jOpsInFloat64AndFloat32() {
    for (AdamKernel.Coefs c : new AdamKernel.Coefs[] {PLAIN, DECAY}) {
      for (boolean ams : new boolean[] {false, true}) {
        compare(DataType.DOUBLE, c, ams, 0.0);
        compare(DataType.FLOAT, c, ams, 1e-6);
      }
    }
  }

  /** Three steps from the same state through both forms; {@code tol} relative to each value's size. */
  private static void compare(DataType type, AdamKernel.Coefs c, boolean ams, double tol) {
    INDArray[] a = state(type, ams);
    INDArray[] b = state(type, ams);
    for (int s = 0; s < 3; s++) {
      INDArray g = Nd4j.rand(DataType.DOUBLE, 5, 7).subi(0.5).castTo(type);
      assertTrue(AdamKernel.supports(a[0], g, a[1], a[2], a[3]));
      AdamKernel.update(a[0], g, a[1], a[2], a[3], c);
      Adam.updateWithOps(b[0], g, b[1], b[2], b[3], c);
    }
    for (int k = 0; k < a.length; k++) {
      if (a[k] != null) {
        double[] x = a[k].reshape(-1).toDoubleVector();
        double[] y = b[k].reshape(-1).toDoubleVector();
        for (int i = 0; i < x.length; i++) {
          assertArrayEquals(new double[] {y[i]}, new double[] {x[i]}, tol * Math.abs(y[i]), type + " " + k);
        }
      }
    }
  }

  /** w, m, v, vmax (null without amsgrad): a non-trivial state of shape [5, 7]. */
  private static INDArray[] state(DataType type, boolean ams) {
    Nd4j.getRandom().setSeed(3);
    INDArray w = Nd4j.rand(DataType.DOUBLE, 5, 7).castTo(type);
    INDArray m = Nd4j.rand(DataType.DOUBLE, 5, 7).subi(0.5).muli(0.1).castTo(type);
    INDArray v = Nd4j.rand(DataType.DOUBLE, 5, 7).muli(0.01).castTo(type);
    return new INDArray[] {w, m, v, ams ? v.mul(1.5) : null};
  }

  @Test
  void viewGradientsAreReadInLayoutOrder() {
    INDArray big = Nd4j.rand(DataType.DOUBLE, 6, 5);
    INDArray g = big.get(NDArrayIndex.interval(2, 6), NDArrayIndex.interval(1, 4));
    INDArray[] a = state(DataType.DOUBLE, false);
    INDArray[] b = state(DataType.DOUBLE, false);
    INDArray w = a[0].get(NDArrayIndex.interval(0, 4), NDArrayIndex.interval(0, 3)).dup('c');
    INDArray w2 = w.dup('c');
    INDArray m = a[1].get(NDArrayIndex.interval(0, 4), NDArrayIndex.interval(0, 3)).dup('c');
    INDArray v = a[2].get(NDArrayIndex.interval(0, 4), NDArrayIndex.interval(0, 3)).dup('c');
    AdamKernel.update(w, g, m, v, null, PLAIN);
    Adam.updateWithOps(w2, g, m.dup().assign(b[1].get(NDArrayIndex.interval(0, 4), NDArrayIndex.interval(0, 3))),
        v.dup().assign(b[2].get(NDArrayIndex.interval(0, 4), NDArrayIndex.interval(0, 3))), null, PLAIN);
    assertArrayEquals(w2.reshape(-1).toDoubleVector(), w.reshape(-1).toDoubleVector(), 0.0);
  }

  @Test
  void viewsAndOtherTypesFallBackToTheOps() {
    INDArray w = Nd4j.zeros(DataType.FLOAT, 4, 6);
    INDArray col = Nd4j.zeros(DataType.FLOAT, 6, 4).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
    INDArray rows = Nd4j.zeros(DataType.FLOAT, 8, 6).get(NDArrayIndex.interval(4, 8), NDArrayIndex.all());
    assertTrue(AdamKernel.supports(w, w.dup(), w.dup(), w.dup(), null));
    assertTrue(AdamKernel.supports(w, rows, w.dup(), w.dup(), null), "a view gradient is copied");
    assertFalse(AdamKernel.supports(rows, w, w.dup(), w.dup(), null));
    assertFalse(AdamKernel.supports(w, w.dup(), rows, w.dup(), null));
    assertFalse(AdamKernel.supports(col, col.dup(), col.dup(), col.dup(), null));
    assertFalse(AdamKernel.supports(w.castTo(DataType.HALF), w.dup(), w.dup(), w.dup(), null));
    assertFalse(AdamKernel.supports(w, w.castTo(DataType.DOUBLE), w.dup(), w.dup(), null));
  }
}
