// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leapseq.core.testing.GradCheck.rand;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.core.testing.ParamGradCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.opentest4j.AssertionFailedError;

class LayersTest {
  private static final DataType F64 = DataType.DOUBLE;
  private static final INDArray IDS = Nd4j.createFromArray(new int[][] {{2, 1, 6}, {0, 3, 2}});
  /** Without the padding id: the padding row's value reaches the output but by design gets no gradient. */
  private static final INDArray IDS_NO_PAD = Nd4j.createFromArray(new int[][] {{2, 5, 6}, {0, 3, 2}});

  private static List<Tensor> with(List<Tensor> params, Tensor... more) {
    List<Tensor> all = new ArrayList<>(params);
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void linearForwardIsXWTransposePlusBOnRank3Input() {
    Linear l = new Linear(3, 2, Linear.Bias.WITH, F64, new Rng(1));
    INDArray x = rand(2, 2, 4, 3);
    Tensor y = l.forward(Tensor.constant(x));
    assertArrayEquals(new long[] {2, 4, 2}, y.shape());
    INDArray w = l.weight().value();
    double expected = l.bias().value().getDouble(1);
    for (int i = 0; i < 3; i++) {
      expected += x.getDouble(1, 3, i) * w.getDouble(1, i);
    }
    assertEquals(expected, y.value().getDouble(1, 3, 1), 1e-12);
  }

  @Test
  void linearGradientsThroughParametersAndInput() {
    Linear l = new Linear(3, 5, Linear.Bias.WITH, F64, new Rng(1));
    Tensor x = Tensor.param(rand(3, 2, 4, 3));
    ParamGradCheck.checkProjected(() -> l.forward(x), with(l.parameters(), x));
    Linear nb = Linear.xavier(3, 2, Linear.Bias.WITHOUT, 1, F64, new Rng(2));
    assertEquals(List.of("weight"), new ArrayList<>(nb.namedParameters().keySet()));
    assertThrows(LeapseqException.class, nb::bias);
    ParamGradCheck.checkProjected(() -> nb.forward(x), with(nb.parameters(), x));
  }

  @Test
  void linearRejectsWrongInputs() {
    Linear l = new Linear(3, 5, Linear.Bias.WITH, F64, new Rng(1));
    assertThrows(LeapseqException.class, () -> l.forward(Tensor.constant(rand(1, 3))));
    assertThrows(LeapseqException.class, () -> l.forward(Tensor.constant(rand(1, 2, 4))));
    INDArray single = rand(1, 2, 3).castTo(DataType.FLOAT);
    assertThrows(LeapseqException.class, () -> l.forward(Tensor.constant(single)));
  }

  @Test
  void layerNormGradientsWithNonTrivialAffine() {
    LayerNorm ln = new LayerNorm(5, F64);
    assertEquals(1e-5, ln.eps());
    ln.weight().value().assign(rand(4, 5));
    ln.bias().value().assign(rand(5, 5));
    Tensor x = Tensor.param(rand(6, 2, 3, 5));
    ParamGradCheck.checkProjected(() -> ln.forward(x), with(ln.parameters(), x));
  }

  @Test
  void embeddingGradientsAndAFrozenPaddingRow() {
    Embedding e = new Embedding(7, 4, 1, F64, new Rng(1));
    ParamGradCheck.checkProjected(() -> e.forward(IDS_NO_PAD), e.parameters());
    assertThrows(AssertionFailedError.class, () -> ParamGradCheck.checkProjected(() -> e.forward(IDS), e.parameters()),
        "the frozen padding row is not the derivative of the lookup");
    e.forward(IDS).sum().backward();
    INDArray g = e.weight().grad();
    assertEquals(0.0, g.getRow(1).amaxNumber().doubleValue(), 0);
    assertEquals(2.0, g.getDouble(2, 0), 0);
    assertArrayEquals(new long[] {2, 3, 4}, e.forward(IDS).shape());
  }

  @Test
  void composedModelWithTiedOutputProjection() {
    TinyLm m = new TinyLm(F64, new Rng(4));
    m.layers.get(1).ln.weight().value().assign(rand(8, 4));
    ParamGradCheck.checkProjected(() -> m.forward(IDS_NO_PAD), m.parameters());
  }

  @Test
  void dropoutIsTheIdentityInEvalOrAtZero() {
    Tensor x = Tensor.constant(Nd4j.ones(F64, 10, 10));
    Dropout d = new Dropout(0.3, new Rng(1));
    Tensor trained = d.forward(x);
    double zeros = trained.value().eq(0).castTo(F64).sumNumber().doubleValue();
    assertTrue(zeros > 10 && zeros < 60, "dropped " + zeros);
    assertEquals(100.0, trained.value().sumNumber().doubleValue() * 0.7 + zeros, 1e-9);
    d.eval();
    assertSame(x, d.forward(x));
    assertSame(x, new Dropout(0, new Rng(1)).forward(x));
    assertThrows(LeapseqException.class, () -> new Dropout(1, new Rng(1)));
  }

  @Test
  void paramGradCheckCatchesAWrongBackward() {
    Tensor w = Tensor.param(rand(9, 3));
    // d(2w)/dw is 2, but this backward passes the gradient through unscaled
    assertThrows(AssertionFailedError.class,
        () -> ParamGradCheck.checkProjected(() -> Tensor.record(w.value().mul(2), w::addGrad, w), List.of(w)));
  }
}
