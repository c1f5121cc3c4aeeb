// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.leapseq.models.attention.ops.Fixtures.assertClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.leapseq.core.tensor.Phase;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.core.testing.GradCheck;
import org.leapseq.models.attention.Causality;
import org.leapseq.models.attention.KeyPadding;
import org.leapseq.models.attention.SoftmaxAttention;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The fused softmax-attention op against the INDArray kernel and finite differences (float64). */
class SoftmaxAttentionOpTest {
  static final double TOL = 1e-10;
  /** Batch 2, 2 heads: element 1 has its last two keys padded. */
  static final KeyPadding PAD = KeyPadding.fromPad(new boolean[][] {
      {false, false, false, false, false}, {false, false, false, true, true}});

  private final Fixtures fx = new Fixtures(23);
  private final INDArray q = fx.normal(4, 5, 3);
  private final INDArray k = fx.normal(4, 5, 3);
  private final INDArray v = fx.normal(4, 5, 2);

  @Test
  void nonCausalWithPaddingMatchesKernel() {
    INDArray out = attend(AdditiveMask.NONE, PAD, AttentionDropout.NONE);
    assertClose(new SoftmaxAttention(Causality.NON_CAUSAL).attend(q, k, v, PAD), out, TOL, "padded");
    INDArray plain = attend(AdditiveMask.NONE, KeyPadding.NONE, AttentionDropout.NONE);
    assertClose(new SoftmaxAttention(Causality.NON_CAUSAL).attend(q, k, v, KeyPadding.NONE), plain, TOL, "plain");
  }

  @Test
  void causalMaskMatchesKernel() {
    INDArray out = attend(AdditiveMask.causal(5), PAD, AttentionDropout.NONE);
    assertClose(new SoftmaxAttention(Causality.CAUSAL).attend(q, k, v, PAD), out, TOL, "causal");
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    AdditiveMask bias = AdditiveMask.of(fx.normal(5, 5));
    GradCheck.checkProjected(ts -> op(ts, AdditiveMask.causal(5), PAD, AttentionDropout.NONE), q, k, v);
    GradCheck.checkProjected(ts -> op(ts, bias, KeyPadding.NONE, AttentionDropout.NONE), q, k, v);
    GradCheck.checkProjected(ts -> op(ts, AdditiveMask.NONE, PAD,
        AttentionDropout.of(0.3, Phase.TRAIN, new SplittableRandom(5))), q, k, v);
  }

  @Test
  void causalBlocksMatchTheFullSquare() {
    // the same causal bias as a plain mask runs the full [T, T] form; causal() runs blocks of rows
    AdditiveMask square = AdditiveMask.of(Nd4j.createFromArray(new double[5][5]).addi(causalBias(5)));
    for (int rows : new int[] {1, 2, 3, 5}) {
      Tensor[] blocked = params();
      Tensor[] full = params();
      Tensor a = CausalBlocks.attend(blocked[0], blocked[1], blocked[2], AdditiveMask.causal(5), rows);
      Tensor b = op(full, square, KeyPadding.NONE, AttentionDropout.NONE);
      assertClose(b.value(), a.value(), 1e-14, "output, rows " + rows);
      GradCheck.project(a).backward();
      GradCheck.project(b).backward();
      for (int i = 0; i < 3; i++) {
        assertClose(full[i].grad(), blocked[i].grad(), 1e-14, "gradient " + i + ", rows " + rows);
      }
    }
    GradCheck.checkProjected(ts -> CausalBlocks.attend(ts[0], ts[1], ts[2], AdditiveMask.causal(5), 2), q, k, v);
  }

  @Test
  void longCausalInputsTakeTheBlockPath() {
    int t = 2 * CausalBlocks.ROWS + 7;
    Fixtures f = new Fixtures(5);
    INDArray lq = f.normal(2, t, 3);
    INDArray lk = f.normal(2, t, 3);
    INDArray lv = f.normal(2, t, 2);
    Tensor[] ts = {Tensor.constant(lq), Tensor.constant(lk), Tensor.constant(lv)};
    INDArray out = op(ts, AdditiveMask.causal(t), KeyPadding.NONE, AttentionDropout.NONE).value();
    assertClose(new SoftmaxAttention(Causality.CAUSAL).attend(lq, lk, lv, KeyPadding.NONE), out, TOL, "T " + t);
  }

  private Tensor[] params() {
    return new Tensor[] {Tensor.param(q.dup()), Tensor.param(k.dup()), Tensor.param(v.dup())};
  }

  private static INDArray causalBias(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        m[i][j] = Double.NEGATIVE_INFINITY;
      }
    }
    return Nd4j.createFromArray(m);
  }

  @Test
  void fullyMaskedRowsGiveZero() {
    KeyPadding allPadded = KeyPadding.fromPad(new boolean[][] {
        {false, false, false, false, false}, {true, true, true, true, true}});
    double[][] m = new double[5][5];
    m[2] = new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    AdditiveMask rowTwoMasked = AdditiveMask.of(Nd4j.createFromArray(m));
    Tensor[] ts = {Tensor.param(q.dup()), Tensor.param(k.dup()), Tensor.param(v.dup())};
    Tensor out = op(ts, rowTwoMasked, allPadded, AttentionDropout.NONE);
    GradCheck.project(out).backward();
    INDArray padded = out.value().get(NDArrayIndex.interval(2, 4), NDArrayIndex.all(), NDArrayIndex.all());
    assertEquals(0.0, padded.norm1Number().doubleValue(), "groups with every key padded");
    INDArray row = out.value().get(NDArrayIndex.interval(0, 2), NDArrayIndex.point(2), NDArrayIndex.all());
    assertEquals(0.0, row.norm1Number().doubleValue(), "mask row of -inf");
    for (Tensor t : ts) {
      assertFalse(t.grad().isNaN().any() || t.grad().isInfinite().any(), "finite gradients");
    }
    assertEquals(0.0, ts[0].grad().slice(3).norm1Number().doubleValue(), "no query gradient where nothing is seen");
  }

  @Test
  void dropoutIsSeededAndOffInEval() {
    INDArray a = attend(AdditiveMask.NONE, PAD, AttentionDropout.of(0.5, Phase.TRAIN, new SplittableRandom(9)));
    INDArray b = attend(AdditiveMask.NONE, PAD, AttentionDropout.of(0.5, Phase.TRAIN, new SplittableRandom(9)));
    assertClose(a, b, 0, "same seed, same mask");
    INDArray plain = attend(AdditiveMask.NONE, PAD, AttentionDropout.NONE);
    assertFalse(a.equalsWithEps(plain, 1e-6), "dropout changes the output");
    INDArray eval = attend(AdditiveMask.NONE, PAD, AttentionDropout.of(0.5, Phase.EVAL, new SplittableRandom(9)));
    assertClose(plain, eval, 0, "eval");
  }

  private INDArray attend(AdditiveMask mask, KeyPadding padding, AttentionDropout dropout) {
    Tensor[] ts = {Tensor.constant(q), Tensor.constant(k), Tensor.constant(v)};
    return op(ts, mask, padding, dropout).value();
  }

  private static Tensor op(Tensor[] ts, AdditiveMask mask, KeyPadding padding, AttentionDropout dropout) {
    return SoftmaxAttentionOp.attend(ts[0], ts[1], ts[2], mask, padding, dropout);
  }
}
