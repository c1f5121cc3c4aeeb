// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.CrossEntropy;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.core.testing.ParamGradCheck;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.criterions.AdaptiveLoss;
import org.leapseq.models.modules.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TransformerLanguageModelTest {
  private static final int[] SOURCE = {2, 5, 12, 3, 9, 7, 13, 1};
  private static final int[] TARGET = {5, 12, 3, 0, 7, 13, 10, 1};
  private static final int WIDTH = 4;

  private static TransformerLmConfig tiny(String attention, boolean leap) {
    return new TransformerLmConfig(8, 16, 1, 2, true, false, 0, 0, 0, Activation.RELU, false, false, false, false,
        32, 8, 8, false, 4, null, null, 0, 4, false, false, attention, leap, 2);
  }

  @Test
  void buildResolvesTheMechanismByNameWithTheLeapFactor() {
    Map<String, INDArray> leap = TransformerLanguageModel.build(tiny("softmax", true), 14, 1,
        BuiltIns.registries().attentions(), DataType.DOUBLE, new Rng(0)).stateDict();
    assertArrayEquals(new long[] {2, 4}, leap.get("decoder.layers.0.self_attn.q_LeaP.0.weight").shape());
    assertTrue(leap.containsKey("decoder.layers.0.self_attn.k_LeaP.2.weight"));
    Map<String, INDArray> soft = TransformerLanguageModel.build(tiny("softmax", false), 14, 1,
        BuiltIns.registries().attentions(), DataType.DOUBLE, new Rng(0)).stateDict();
    assertFalse(soft.keySet().stream().anyMatch(k -> k.contains("LeaP")));
    long cosformer = TransformerLanguageModel.build(tiny("cosformer", false), 14, 1,
        BuiltIns.registries().attentions(), DataType.DOUBLE, new Rng(0)).parameterCount();
    assertEquals(soft.values().stream().mapToLong(INDArray::length).sum(), cosformer, "cosformer adds no parameters");
    LeapseqException e = assertThrows(LeapseqException.class, () -> TransformerLanguageModel.build(
        tiny("nope", false), 14, 1, BuiltIns.registries().attentions(), DataType.DOUBLE, new Rng(0)));
    assertTrue(e.getMessage().contains("leapformer"), e.getMessage());
  }

  @Test
  void projectInAndOutDimsAreWiredWhenSizesDiffer() {
    TransformerLanguageModel m = TinyLms.fullSoftmax(1);
    Map<String, INDArray> sd = m.stateDict();
    assertArrayEquals(new long[] {14, 6}, sd.get("decoder.embed_tokens.weight").shape());
    assertArrayEquals(new long[] {8, 6}, sd.get("decoder.project_in_dim.weight").shape());
    assertArrayEquals(new long[] {10, 8}, sd.get("decoder.project_out_dim.weight").shape());
    assertArrayEquals(new long[] {14, 10}, sd.get("decoder.output_projection.weight").shape());
    assertFalse(sd.containsKey("decoder.project_in_dim.bias"));
    assertArrayEquals(new long[] {2, 4, 10}, m.features(SOURCE, WIDTH).shape());
    assertArrayEquals(new long[] {2, 4, 14}, m.forward(SOURCE, WIDTH).shape());
    assertTrue(m.adaptiveSoftmax().isEmpty());
  }

  @Test
  void adaptiveInputReplacesEmbedTokensAndTheSoftmaxTiesToIt() {
    TransformerLanguageModel m = TinyLms.adaptive(2);
    Map<String, INDArray> sd = m.stateDict();
    assertFalse(sd.containsKey("decoder.embed_tokens.weight"));
    assertFalse(sd.containsKey("decoder.output_projection.weight"));
    assertFalse(sd.containsKey("decoder.project_in_dim.weight"));
    assertSame(sd.get("decoder.embed_tokens.embeddings.0.0.weight"),
        sd.get("decoder.adaptive_softmax.head.word_proj.weight"));
    assertSame(sd.get("decoder.embed_tokens.embeddings.2.1.weight"),
        sd.get("decoder.adaptive_softmax.tail.1.0.weight"));
    assertTrue(m.adaptiveSoftmax().isPresent());
    assertThrows(LeapseqException.class, () -> m.forward(SOURCE, WIDTH));
  }

  @Test
  void leapformerLmGradientsThroughAdaptiveLossMatchFiniteDifferences() {
    TransformerLanguageModel m = TinyLms.adaptive(3);
    m.eval();
    AdaptiveLoss loss = new AdaptiveLoss(new AdaptiveLoss.Config());
    ParamGradCheck.checkProjected(() -> loss.compute(m, SOURCE, TARGET, WIDTH).loss(), m.parameters());
  }

  @Test
  void leapformerLmGradientsThroughFullSoftmaxMatchFiniteDifferences() {
    TransformerLanguageModel m = TinyLms.fullSoftmax(4);
    m.eval();
    CrossEntropy.Config ce = new CrossEntropy.Config(0, TinyLms.PAD, CrossEntropy.Reduction.SUM);
    ParamGradCheck.checkProjected(() -> CrossEntropy.loss(m.forward(SOURCE, WIDTH),
        Nd4j.createFromArray(TARGET).reshape(2, WIDTH), ce).loss(), m.parameters());
  }

  @Test
  void adaptiveLmFeaturesGiveNormalisedLogProbabilities() {
    TransformerLanguageModel m = TinyLms.adaptive(5);
    m.eval();
    Tensor lp = m.adaptiveSoftmax().orElseThrow().getLogProb(m.features(SOURCE, WIDTH));
    INDArray total = org.nd4j.linalg.ops.transforms.Transforms.exp(lp.value(), true).sum(2);
    assertEquals(0.0, total.sub(1.0).amaxNumber().doubleValue(), 1e-12);
  }

  @Test
  void adaptiveLmStateDictRoundTripsThroughTiedNames() {
    TransformerLanguageModel a = TinyLms.adaptive(6);
    TransformerLanguageModel b = TinyLms.adaptive(7);
    b.loadStateDict(a.stateDict());
    a.eval();
    b.eval();
    INDArray fa = a.adaptiveSoftmax().orElseThrow().getLogProb(a.features(SOURCE, WIDTH)).value();
    INDArray fb = b.adaptiveSoftmax().orElseThrow().getLogProb(b.features(SOURCE, WIDTH)).value();
    assertEquals(0.0, fa.sub(fb).amaxNumber().doubleValue(), 0.0);
  }
}
