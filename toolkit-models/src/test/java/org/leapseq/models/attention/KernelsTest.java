// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.leapseq.models.attention.Golden.assertClose;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Kernels against brute-force per-entry formulas (float64, random inputs). */
class KernelsTest {
  static final double TOL = 1e-10;
  static final int G = 4;
  static final int N = 5;
  static final int S = 6;
  static final int D = 4;

  private final Random64 rnd = new Random64(3);
  private final INDArray q = rnd.normal(G, N, D);
  private final INDArray k = rnd.normal(G, S, D);
  private final INDArray v = rnd.normal(G, S, D);
  /** Batch 2 (2 heads): element 1 has its last two keys padded. */
  private final KeyPadding pad = KeyPadding.fromPad(new boolean[][] {
      {false, false, false, false, false, false}, {false, false, false, false, true, true}});

  /** Brute force: out_i = sum_j w_ij v_j / norm(sum_j w_ij) over valid j, w from the given score function. */
  interface Score {
    double at(int g, int i, int j);
  }

  private INDArray bruteForce(Score w, boolean softmax, double floor) {
    INDArray out = Nd4j.zeros(v.dataType(), G, N, D);
    for (int g = 0; g < G; g++) {
      for (int i = 0; i < N; i++) {
        double den = 0;
        double[] num = new double[D];
        for (int j = 0; j < S; j++) {
          if (g / 2 == 1 && j >= 4) {
            continue;
          }
          double s = softmax ? Math.exp(w.at(g, i, j)) : w.at(g, i, j);
          den += s;
          for (int e = 0; e < D; e++) {
            num[e] += s * v.getDouble(g, j, e);
          }
        }
        for (int e = 0; e < D; e++) {
          out.putScalar(new long[] {g, i, e}, num[e] / Math.max(den, floor));
        }
      }
    }
    return out;
  }

  private double dot(INDArray a, INDArray b, int g, int i, int j, DoubleUnaryOperator phi) {
    double s = 0;
    for (int e = 0; e < D; e++) {
      s += phi.applyAsDouble(a.getDouble(g, i, e)) * phi.applyAsDouble(b.getDouble(g, j, e));
    }
    return s;
  }

  @Test
  void leapformerIsCosReweightedReluDotProduct() {
    LeapformerCore c = new LeapformerCore(rnd.leap(D, 2), rnd.leap(D, 2), Denominator.clampMin(0.1));
    INDArray pq = c.queryProportions(q);
    INDArray pk = c.keyProportions(k, KeyPadding.NONE);
    Score w = (g, i, j) -> dot(q, k, g, i, j, x -> Math.max(x, 0))
        * Math.cos(Math.PI / 2 * (pq.getDouble(g, i, 0) - pk.getDouble(g, j, 0)));
    assertClose(bruteForce(w, false, 0.1), c.attend(q, k, v, pad), TOL, "leapformer");
  }

  @Test
  void cosformerUsesPositionOverQueryLength() {
    Score w = (g, i, j) -> dot(q, k, g, i, j, x -> Math.max(x, 0)) * Math.cos(Math.PI / 2 * (i - j) / N);
    assertClose(bruteForce(w, false, Double.NEGATIVE_INFINITY),
        new CosformerAttention(Denominator.exact()).attend(q, k, v, pad), TOL, "cosformer");
  }

  @Test
  void reluAndEluLinear() {
    Score relu = (g, i, j) -> dot(q, k, g, i, j, x -> Math.max(x, 0));
    Score elu = (g, i, j) -> dot(q, k, g, i, j, x -> x > 0 ? x + 1 : Math.exp(x));
    double exact = Double.NEGATIVE_INFINITY;
    assertClose(bruteForce(relu, false, exact), new ReluLinearAttention(Denominator.exact()).attend(q, k, v, pad),
        TOL, "relu");
    assertClose(bruteForce(elu, false, exact), new EluLinearAttention(Denominator.exact()).attend(q, k, v, pad),
        TOL, "elu");
  }

  @Test
  void softmaxMasksPaddedKeys() {
    Score w = (g, i, j) -> dot(q, k, g, i, j, x -> x);
    assertClose(bruteForce(w, true, 0), new SoftmaxAttention(Causality.NON_CAUSAL).attend(q, k, v, pad), TOL,
        "softmax");
  }

  @Test
  void causalSoftmaxEqualsPrefixSoftmax() {
    INDArray kk = rnd.normal(G, N, D);
    INDArray vv = rnd.normal(G, N, D);
    INDArray causal = new SoftmaxAttention(Causality.CAUSAL).attend(q, kk, vv, KeyPadding.NONE);
    for (int i = 0; i < N; i++) {
      INDArrayIndex all = NDArrayIndex.all();
      INDArrayIndex upTo = NDArrayIndex.interval(0, i + 1);
      INDArray row = new SoftmaxAttention(Causality.NON_CAUSAL).attend(
          q.get(all, NDArrayIndex.interval(i, i + 1), all).dup(),
          kk.get(all, upTo, all).dup(), vv.get(all, upTo, all).dup(), KeyPadding.NONE);
      assertClose(row.reshape(G, D), CausalFormsTest.at(causal, i), TOL, "row " + i);
    }
  }

  @Test
  void waitKPolicyChoosesUpsampledPooledFrame() {
    WaitKPolicy p = new WaitKPolicy(2, 2);
    assertArrayEquals(new double[] {0, 0, 0, 1}, p.pChoose(4, 0));
    assertArrayEquals(new double[] {0, 0, 0, 0}, p.pChoose(4, 1));
    assertEquals(new WaitKPolicy.MonotonicStep(3, false), WaitKPolicy.advance(0, p.pChoose(4, 0)));
    assertEquals(new WaitKPolicy.MonotonicStep(3, true), WaitKPolicy.advance(3, p.pChoose(4, 1)));
  }

  @Test
  void invalidShapesAreRefused() {
    assertThrows(LeapseqException.class, () -> new Linear(Nd4j.zeros(3, 2), Nd4j.zeros(2)));
    assertThrows(LeapseqException.class, () -> ProportionMlp.of(rnd.linear(2, 4)));
    assertThrows(LeapseqException.class,
        () -> new LinearAttention(Denominator.exact()).causalChunked(q, k, v, 2));
  }
}
