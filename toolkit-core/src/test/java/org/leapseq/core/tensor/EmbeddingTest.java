// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leapseq.core.testing.GradCheck.rand;

import org.junit.jupiter.api.Test;
import org.leapseq.core.testing.GradCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class EmbeddingTest {
  private static final INDArray IDS = Nd4j.createFromArray(new int[][] {{3, 1, 3}, {0, 4, 1}});

  @Test
  void lookupChecksWithRepeatedIds() {
    GradCheck.checkProjected(t -> Embedding.lookup(t[0], IDS), rand(1, 5, 4));
  }

  @Test
  void lookupGathersRows() {
    INDArray w = rand(2, 5, 4);
    Tensor y = Embedding.lookup(Tensor.constant(w), IDS);
    assertArrayEquals(new long[] {2, 3, 4}, y.shape());
    assertEquals(w.getDouble(4, 2), y.value().getDouble(1, 1, 2), 0);
  }

  @Test
  void gatherCopiesEveryRowExactlyForEachTypeAndLayout() {
    int[] ids = {4, 0, 4, 2, 1};
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
      INDArray w = rand(4, 5, 3).castTo(type);
      INDArray viaRows = w.getRows(ids);
      assertEquals(viaRows, Embedding.gatherRows(w, ids), type.toString());
      INDArray fortran = w.dup('f');                                      // the pullRows path
      assertEquals(viaRows, Embedding.gatherRows(fortran, ids), type + " f-order");
      INDArray wide = rand(5, 7, 3).castTo(type);
      INDArray view = wide.get(NDArrayIndex.interval(1, 6), NDArrayIndex.all());   // rows 1..5 of a bigger buffer
      assertEquals(view.getRows(ids), Embedding.gatherRows(view, ids), type + " view");
    }
  }

  @Test
  void repeatedIdsSumAndPaddingRowGetsNothing() {
    Tensor w = Tensor.param(rand(3, 5, 4));
    Embedding.lookup(w, IDS, 1).sum().backward();
    INDArray g = w.grad();
    assertEquals(2.0, g.getDouble(3, 0), 0);
    assertEquals(1.0, g.getDouble(0, 3), 0);
    assertEquals(0.0, g.getRow(1).sumNumber().doubleValue(), 0);
    assertEquals(0.0, g.getRow(2).sumNumber().doubleValue(), 0);
    INDArray once = g.dup();
    Embedding.lookup(w, IDS, 1).sum().backward();
    assertEquals(0.0, w.grad().sub(once.mul(2)).amaxNumber().doubleValue(), 0);
  }

  @Test
  void gradientReachesInputsThatFollowTheLookup() {
    GradCheck.checkProjected(t -> NnOps.layerNorm(Embedding.lookup(t[0], IDS, 2), t[1], t[2]), rand(4, 5, 4),
        rand(5, 4), rand(6, 4));
  }
}
