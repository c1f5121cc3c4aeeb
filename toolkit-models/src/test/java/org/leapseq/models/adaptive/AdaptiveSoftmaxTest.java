// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.CrossEntropy;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.core.testing.GradCheck;
import org.leapseq.core.testing.ParamGradCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class AdaptiveSoftmaxTest {
  private static final int V = 14;
  private static final int[] CUT = {4, 9};

  /** Untied: input 8, factor 2 -> tail dims 4 and 2. */
  private static AdaptiveSoftmax untied(long seed, double dropout) {
    return new AdaptiveSoftmax(V, 8, CUT, dropout, 2, Optional.empty(), false, DataType.DOUBLE, new Rng(seed));
  }

  /** An adaptive input and a softmax tied to it, as one module tree (names {@code input.*}, {@code softmax.*}). */
  static final class Tied extends Module {
    final AdaptiveInput input;
    final AdaptiveSoftmax softmax;

    Tied(int inputDim, boolean tieProj, long seed) {
      Rng rng = new Rng(seed);
      input = child("input", new AdaptiveInput(V, 1, 8, 2, inputDim, CUT, DataType.DOUBLE, rng));
      softmax = child("softmax", new AdaptiveSoftmax(V, inputDim, CUT, 0.0, 2, Optional.of(input), tieProj,
          DataType.DOUBLE, rng));
    }
  }

  @Test
  void untiedNamesAndShapes() {
    Map<String, INDArray> sd = untied(1, 0.1).stateDict();
    assertEquals(List.of("head.weight", "tail.0.0.weight", "tail.0.2.weight", "tail.1.0.weight", "tail.1.2.weight"),
        List.copyOf(sd.keySet()));
    assertArrayEquals(new long[] {6, 8}, sd.get("head.weight").shape());
    assertArrayEquals(new long[] {4, 8}, sd.get("tail.0.0.weight").shape());
    assertArrayEquals(new long[] {5, 4}, sd.get("tail.0.2.weight").shape());
    assertArrayEquals(new long[] {2, 8}, sd.get("tail.1.0.weight").shape());
    assertArrayEquals(new long[] {5, 2}, sd.get("tail.1.2.weight").shape());
  }

  @Test
  void tiedWeightsAndProjectionsShareTheAdaptiveInputsArrays() {
    Tied t = new Tied(8, true, 2);
    Map<String, INDArray> sd = t.stateDict();
    assertSame(sd.get("input.embeddings.0.0.weight"), sd.get("softmax.head.word_proj.weight"));
    assertArrayEquals(new long[] {2, 8}, sd.get("softmax.head.class_proj.weight").shape());
    for (int i = 0; i < 2; i++) {
      assertSame(sd.get("input.embeddings." + (i + 1) + ".1.weight"), sd.get("softmax.tail." + i + ".0.weight"));
      assertSame(sd.get("input.embeddings." + (i + 1) + ".0.weight"), sd.get("softmax.tail." + i + ".2.weight"));
    }
    // shared parameters count once: band weights + class_proj
    assertEquals(4 * 8 + 8 * 8 + 5 * 4 + 8 * 4 + 5 * 2 + 8 * 2 + 2 * 8, t.parameterCount());
  }

  @Test
  void tiedWithoutTieProjGetsFreshTransposedProjections() {
    Tied t = new Tied(6, false, 3);
    Map<String, INDArray> sd = t.stateDict();
    assertArrayEquals(new long[] {4, 6}, sd.get("softmax.tail.0.0.weight").shape());
    assertArrayEquals(new long[] {2, 6}, sd.get("softmax.tail.1.0.weight").shape());
    assertNotSame(sd.get("input.embeddings.1.1.weight"), sd.get("softmax.tail.0.0.weight"));
    assertSame(sd.get("input.embeddings.1.0.weight"), sd.get("softmax.tail.0.2.weight"));
  }

  @Test
  void tiedHeadProjectsWhenTheInputSizeDiffersFromBandZero() {
    Map<String, INDArray> sd = new Tied(6, false, 4).stateDict();
    assertArrayEquals(new long[] {8, 6}, sd.get("softmax.head.word_proj.0.weight").shape());
    assertSame(sd.get("input.embeddings.0.0.weight"), sd.get("softmax.head.word_proj.1.weight"));
    assertArrayEquals(new long[] {2, 6}, sd.get("softmax.head.class_proj.weight").shape());
  }

  @Test
  void adaptTargetUsesClassIdsAfterTheHeadWords() {
    AdaptiveSoftmax.Adapted a = untied(0, 0).adaptTarget(new int[] {0, 4, 13, 3, 8, 9});
    assertArrayEquals(new int[] {0, 4, 5, 3, 4, 5}, a.headTargets());
    assertArrayEquals(new int[] {1, 4}, a.rows()[0]);
    assertArrayEquals(new int[] {0, 4}, a.targets()[0]);
    assertArrayEquals(new int[] {2, 5}, a.rows()[1]);
    assertArrayEquals(new int[] {4, 0}, a.targets()[1]);
  }

  @Test
  void forwardSkipsEmptyClustersAndSelectsTheRowsOfEachCluster() {
    AdaptiveSoftmax as = untied(5, 0);
    as.eval();
    Tensor x = Tensor.constant(GradCheck.rand(1, 2, 3, 8));
    List<AdaptiveSoftmax.Piece> pieces = as.forward(x, new int[] {0, 10, 3, 2, 12, 1});
    assertEquals(2, pieces.size());
    assertEquals(0, pieces.get(0).cluster());
    assertArrayEquals(new long[] {6, 6}, pieces.get(0).logits().shape());
    assertEquals(2, pieces.get(1).cluster());
    assertArrayEquals(new int[] {1, 4}, pieces.get(1).rows());
    assertArrayEquals(new long[] {2, 5}, pieces.get(1).logits().shape());
  }

  @Test
  void logProbabilitiesSumToOneOverTheVocabulary() {
    for (Module m : List.of(untied(6, 0.3), new Tied(8, true, 6), new Tied(6, false, 6))) {
      m.eval();
      AdaptiveSoftmax as = m instanceof Tied t ? t.softmax : (AdaptiveSoftmax) m;
      int dim = m instanceof Tied t && t.input.embeddingDim() == 6 ? 6 : 8;
      INDArray lp = as.getLogProb(Tensor.constant(GradCheck.rand(9, 2, 3, dim))).value();
      assertArrayEquals(new long[] {2, 3, V}, lp.shape());
      INDArray total = Transforms.exp(lp, true).sum(2);
      assertEquals(0.0, total.sub(1.0).amaxNumber().doubleValue(), 1e-12);
    }
  }

  @Test
  void trainingPiecesGiveTheSameNllAsTheFullLogProbabilities() {
    AdaptiveSoftmax as = untied(8, 0.2);
    as.eval();
    Tensor x = Tensor.constant(GradCheck.rand(4, 1, 6, 8));
    int[] target = {0, 5, 12, 3, 9, 7};
    double pieces = 0;
    for (AdaptiveSoftmax.Piece p : as.forward(x, target)) {
      pieces += CrossEntropy.loss(p.logits(), Nd4j.createFromArray(p.targets()),
          new CrossEntropy.Config(0, -1, CrossEntropy.Reduction.SUM)).loss().item();
    }
    INDArray lp = as.getLogProb(x).value();
    double full = 0;
    for (int n = 0; n < target.length; n++) {
      full -= lp.getDouble(0, n, target[n]);
    }
    assertEquals(full, pieces, 1e-10);
  }

  @Test
  void logProbGradientsMatchFiniteDifferences() {
    AdaptiveSoftmax as = untied(12, 0);
    INDArray x = GradCheck.rand(13, 2, 2, 8);
    ParamGradCheck.checkProjected(() -> as.getLogProb(Tensor.constant(x)), as.parameters());
    GradCheck.checkProjected(in -> as.getLogProb(in[0]), x);
  }

  @Test
  void tiedLossGradientsMatchFiniteDifferences() {
    Tied t = new Tied(6, false, 14);
    int[] ids = {0, 5, 12, 3};
    int[] target = {5, 12, 3, 10};
    CrossEntropy.Config ce = new CrossEntropy.Config(0, 1, CrossEntropy.Reduction.SUM);
    ParamGradCheck.checkProjected(() -> {
      Tensor loss = null;
      for (AdaptiveSoftmax.Piece p : t.softmax.forward(t.input.forward(Nd4j.createFromArray(ids)), target)) {
        Tensor l = CrossEntropy.loss(p.logits(), Nd4j.createFromArray(p.targets()), ce).loss();
        loss = loss == null ? l : loss.add(l);
      }
      return loss;
    }, new ArrayList<>(t.parameters()));
  }

  @Test
  void dropoutActsOnTheInputAndInsideTheTailOnlyWhileTraining() {
    AdaptiveSoftmax as = untied(15, 0.5);
    Tensor x = Tensor.constant(GradCheck.rand(16, 1, 4, 8));
    int[] target = {10, 11, 12, 13};
    double first = as.forward(x, target).get(1).logits().value().sumNumber().doubleValue();
    double second = as.forward(x, target).get(1).logits().value().sumNumber().doubleValue();
    assertTrue(Math.abs(first - second) > 1e-9, "fresh dropout masks per call");
    as.eval();
    double a = as.forward(x, target).get(1).logits().value().sumNumber().doubleValue();
    double b = as.forward(x, target).get(1).logits().value().sumNumber().doubleValue();
    assertEquals(a, b, 0.0);
  }
}
