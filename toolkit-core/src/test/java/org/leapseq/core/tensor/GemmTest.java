// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.leapseq.core.testing.GradCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Per-group BLAS products against ND4J's batched matmul, on dense arrays and on row-range views. */
class GemmTest {
  @Test
  void everyTransposeMatchesMatmulInBothPrecisions() {
    for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      double tol = type == DataType.DOUBLE ? 1e-12 : 1e-4;
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          INDArray a = GradCheck.rand(1, ta ? new long[] {3, 5, 4} : new long[] {3, 4, 5}).castTo(type);
          INDArray b = GradCheck.rand(2, tb ? new long[] {3, 6, 5} : new long[] {3, 5, 6}).castTo(type);
          INDArray expected = Nd4j.matmul(a, b, ta, tb, false);
          INDArray got = Gemm.product(a, ta, b, tb);
          assertEquals(type, got.dataType());
          assertTrue(expected.equalsWithEps(got, tol), type + " ta=" + ta + " tb=" + tb);
        }
      }
    }
  }

  @Test
  void spreadGroupsGiveTheSameBitsAsOneCallAfterAnother() {
    assertTrue(Gemm.threads() >= 2 || Runtime.getRuntime().availableProcessors() < 2,
        "OpenBLAS has " + Gemm.threads() + " thread(s) on a multi-core machine: the spread path would go untested");
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      // 7 groups above OpenBLAS's multithreading threshold (96 * 112 * 80 multiply-adds each), odd so the
      // shares differ in size
      INDArray a = GradCheck.rand(11, 7, 96, 80).castTo(type);
      INDArray b = GradCheck.rand(12, 7, 112, 80).castTo(type);
      INDArray acc = GradCheck.rand(13, 7, 120, 112).castTo(type);
      INDArray rows = acc.get(NDArrayIndex.all(), NDArrayIndex.interval(10, 106), NDArrayIndex.all());
      INDArray plain = Gemm.product(a, false, b, true);
      INDArray plainAcc = acc.dup();
      Gemm.into(a, false, b, true, plainAcc.get(NDArrayIndex.all(), NDArrayIndex.interval(10, 106),
          NDArrayIndex.all()), 0.5, 1.0);
      INDArray spread = Gemm.spreadGroups(1e12, () -> {
        Gemm.into(a, false, b, true, rows, 0.5, 1.0);
        return Gemm.spreadGroups(1e12, () -> Gemm.product(a, false, b, true));   // nested
      });
      assertEquals(plain, spread, type + " product");
      assertEquals(plainAcc, acc, type + " accumulated into a row range");
      assertEquals(plain, Gemm.product(a, false, b, true), type + " after the region");
    }
  }

  @Test
  void rowRangeViewsAndAccumulationNeedNoCopies() {
    INDArray q = GradCheck.rand(3, 2, 9, 4);
    INDArray k = GradCheck.rand(4, 2, 9, 4);
    // rows [3, 6) of every group against keys [0, 6): the views of a causal block
    INDArray qi = q.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6), NDArrayIndex.all());
    INDArray kp = k.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 6), NDArrayIndex.all());
    INDArray expected = Nd4j.matmul(qi.dup('c'), kp.dup('c'), false, true, false);
    assertTrue(expected.equalsWithEps(Gemm.product(qi, false, kp, true), 1e-12), "views in");
    // accumulate alpha * qi^T s into rows [0, 3) of a bigger output, leaving the other rows alone
    INDArray s = GradCheck.rand(5, 2, 3, 2);
    INDArray out = GradCheck.rand(6, 2, 7, 2);
    INDArray before = out.dup();
    INDArray rows = out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all());
    Gemm.into(qi, true, s, false, rows, 0.5, 1.0);
    INDArray want = before.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all())
        .add(Nd4j.matmul(qi.dup('c'), s, true, false, false).mul(0.5));
    assertTrue(want.equalsWithEps(rows, 1e-12), "accumulated into a view");
    assertEquals(before.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 7), NDArrayIndex.all()),
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 7), NDArrayIndex.all()), "rows outside untouched");
  }

  @Test
  void otherLayoutsFallBackToMatmul() {
    INDArray a = GradCheck.rand(7, 2, 3, 4).dup('f');
    INDArray b = GradCheck.rand(8, 2, 4, 5).permute(0, 2, 1).dup('c').permute(0, 2, 1);  // columns strided
    INDArray expected = Nd4j.matmul(a.dup('c'), b.dup('c'), false, false, false);
    assertTrue(expected.equalsWithEps(Gemm.product(a, false, b, false), 1e-12));
  }
}
