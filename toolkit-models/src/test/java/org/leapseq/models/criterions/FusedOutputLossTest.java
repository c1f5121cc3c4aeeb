// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.adaptive.AdaptiveSoftmax;
import org.leapseq.models.lm.LanguageModel;
import org.leapseq.models.lm.TinyLms;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The criterions through LinearCrossEntropy (models with a plain output projection) against the unfused path. */
class FusedOutputLossTest {
  private static final int W = 5;
  private static final int[] SOURCE = {2, 3, 4, 5, 6, 7, 8, 9, 1, 1};
  private static final int[] TARGET = {3, 4, 5, 6, 7, 8, 9, 10, 1, 1};

  @Test
  void transformerLmsExposeTheirPlainOutputWeight() {
    TransformerLanguageModel tied = TinyLms.tied(3);
    assertSame(tied.namedParameters().get("decoder.embed_tokens.weight"), tied.outputWeight().orElseThrow());
    assertTrue(TinyLms.fullSoftmax(3).outputWeight().isPresent());
    assertFalse(TinyLms.adaptive(3).outputWeight().isPresent());
  }

  @Test
  void fusedCriterionsLogAndDifferentiateAsTheUnfusedOnes() {
    var ls = new LabelSmoothedCrossEntropyCriterion(LabelSmoothedCrossEntropyCriterionConfig.defaults()
        .withLabelSmoothing(0.1).withReportAccuracy(true).withIgnorePrefixSize(1));
    var ce = new CrossEntropyCriterion(CrossEntropyCriterionConfig.defaults());
    for (Criterion c : new Criterion[] {ls, ce}) {
      compare(c, () -> TinyLms.tied(5));
      compare(c, () -> TinyLms.fullSoftmax(5));
    }
  }

  private static void compare(Criterion c, Supplier<TransformerLanguageModel> build) {
    TransformerLanguageModel fused = build.get();
    TransformerLanguageModel plain = build.get();
    Criterion.Result a = c.compute(fused, SOURCE, TARGET, W);
    Criterion.Result b = c.compute(new Unfused(plain), SOURCE, TARGET, W);
    assertEquals(b.logging().keySet(), a.logging().keySet());
    b.logging().forEach((k, v) -> assertEquals(v, a.logging().get(k), 1e-12, k));
    a.loss().backward();
    b.loss().backward();
    Map<String, Tensor> pa = fused.namedParameters();
    plain.namedParameters().forEach((name, p) -> {
      INDArray ga = pa.get(name).grad();
      assertTrue(p.grad().equalsWithEps(ga, 1e-12), name);
    });
  }

  /** The same model with its output weight hidden, so the criterions take the logits path. */
  private record Unfused(TransformerLanguageModel m) implements LanguageModel {
    @Override
    public Tensor features(int[] tokens, int width) {
      return m.features(tokens, width);
    }

    @Override
    public Tensor logits(Tensor features) {
      return m.logits(features);
    }

    @Override
    public Optional<Tensor> outputWeight() {
      return Optional.empty();
    }

    @Override
    public Optional<AdaptiveSoftmax> adaptiveSoftmax() {
      return m.adaptiveSoftmax();
    }

    @Override
    public int vocabSize() {
      return m.vocabSize();
    }

    @Override
    public int paddingIdx() {
      return m.paddingIdx();
    }
  }
}
