// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.nn.Rng;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.modules.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Block-by-block and token-by-token decoding reproduce one forward pass over the whole sequence. */
class IncrementalDecodingTest {
  private static final int VOCAB = 20;
  private static final int PAD = 1;
  private static final int BATCH = 2;
  private static final int LENGTH = 13;

  private static TransformerDecoder decoder(String attention, boolean leap, boolean learnedPositions) {
    TransformerLmConfig cfg = new TransformerLmConfig(8, 16, 2, 2, true, false, 0, 0, 0, Activation.RELU, false,
        learnedPositions, false, false, 32, 8, 8, false, 4, null, null, 0, 4, false, false, attention, leap, 2);
    TransformerDecoder d = TransformerLanguageModel.build(cfg, VOCAB, PAD, BuiltIns.registries().attentions(),
        DataType.DOUBLE, new Rng(7)).decoder();
    d.eval();
    return d;
  }

  private static int[] tokens() {
    java.util.Random r = new java.util.Random(3);
    int[] t = new int[BATCH * LENGTH];
    for (int i = 0; i < t.length; i++) {
      t[i] = 2 + r.nextInt(VOCAB - 2);
    }
    return t;
  }

  private static int[] columns(int[] tokens, int from, int to) {
    int[] out = new int[BATCH * (to - from)];
    for (int b = 0; b < BATCH; b++) {
      System.arraycopy(tokens, b * LENGTH + from, out, b * (to - from), to - from);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"leapformer", "softmax", "relu_linear", "elu_linear"})
  void blocksOfAnySizeGiveTheFullForward(String attention) {
    TransformerDecoder d = decoder(attention.equals("leapformer") ? "softmax" : attention,
        attention.equals("leapformer"), false);
    int[] tokens = tokens();
    INDArray full = d.features(tokens, LENGTH).value();
    for (int[] cuts : new int[][] {{0, 5, 6, 13}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, {0, 13}}) {
      DecoderState state = d.emptyState(BATCH);
      for (int c = 0; c + 1 < cuts.length; c++) {
        TransformerDecoder.Decoded out = d.extend(state, columns(tokens, cuts[c], cuts[c + 1]), cuts[c + 1] - cuts[c]);
        INDArray expected = full.get(NDArrayIndex.all(), NDArrayIndex.interval(cuts[c], cuts[c + 1]),
            NDArrayIndex.all());
        double diff = Nd4j.math().abs(out.features().value().sub(expected)).maxNumber().doubleValue();
        assertTrue(diff < 1e-12, attention + " block " + cuts[c] + ".." + cuts[c + 1] + " differs by " + diff);
        state = out.state();
      }
      assertEquals(LENGTH, state.steps());
    }
  }

  @Test
  void reorderedStatesContinueTheSelectedRows() {
    TransformerDecoder d = decoder("softmax", true, false);
    int[] tokens = tokens();
    INDArray full = d.features(tokens, LENGTH).value();
    DecoderState state = d.extend(d.emptyState(BATCH), columns(tokens, 0, 6), 6).state().reorder(new int[] {1, 1});
    int[] rest = columns(tokens, 6, LENGTH);
    int[] second = new int[rest.length];
    System.arraycopy(rest, LENGTH - 6, second, 0, LENGTH - 6);
    System.arraycopy(rest, LENGTH - 6, second, LENGTH - 6, LENGTH - 6);
    INDArray out = d.extend(state, second, LENGTH - 6).features().value();
    INDArray expected = full.get(NDArrayIndex.point(1), NDArrayIndex.interval(6, LENGTH), NDArrayIndex.all());
    for (int b = 0; b < BATCH; b++) {
      double diff = Nd4j.math().abs(out.slice(b).sub(expected)).maxNumber().doubleValue();
      assertTrue(diff < 1e-12, "row " + b + " differs by " + diff);
    }
  }

  @Test
  void learnedPositionsRefuseToRunPastTheirTable() {
    TransformerDecoder d = decoder("softmax", false, true);
    DecoderState state = d.extend(d.emptyState(1), new int[30], 30).state();
    LeapseqException e = assertThrows(LeapseqException.class, () -> d.extend(state, new int[5], 5));
    assertTrue(e.getMessage().contains("--max-target-positions 32"), e.getMessage());
  }
}
