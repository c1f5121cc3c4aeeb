// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.core.testing.ParamGradCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdaptiveInputTest {
  private static final int PAD = 1;

  /** V = 14, cutoffs 4,9 (+14), initial dim 8, factor 2, output 6: band dims 8, 4, 2. */
  private static AdaptiveInput small(long seed) {
    return new AdaptiveInput(14, PAD, 8, 2, 6, new int[] {4, 9}, DataType.DOUBLE, new Rng(seed));
  }

  @Test
  void parametersHaveFairseqNamesAndShapes() {
    Map<String, INDArray> sd = small(1).stateDict();
    assertEquals(List.of("embeddings.0.0.weight", "embeddings.0.1.weight", "embeddings.1.0.weight",
        "embeddings.1.1.weight", "embeddings.2.0.weight", "embeddings.2.1.weight"), List.copyOf(sd.keySet()));
    assertArrayEquals(new long[] {4, 8}, sd.get("embeddings.0.0.weight").shape());
    assertArrayEquals(new long[] {6, 8}, sd.get("embeddings.0.1.weight").shape());
    assertArrayEquals(new long[] {5, 4}, sd.get("embeddings.1.0.weight").shape());
    assertArrayEquals(new long[] {6, 4}, sd.get("embeddings.1.1.weight").shape());
    assertArrayEquals(new long[] {5, 2}, sd.get("embeddings.2.0.weight").shape());
    assertArrayEquals(new long[] {6, 2}, sd.get("embeddings.2.1.weight").shape());
  }

  @Test
  void bandDimsFollowFairseqsFloorDivision() {
    assertEquals(1024, AdaptiveInput.bandDim(1024, 4, 0));
    assertEquals(256, AdaptiveInput.bandDim(1024, 4, 1));
    assertEquals(64, AdaptiveInput.bandDim(1024, 4, 2));
    assertEquals(33, AdaptiveInput.bandDim(100, 3, 1));
  }

  @Test
  void initZeroesThePaddingRowOfEveryBandAndKeepsXavierBounds() {
    AdaptiveInput ai = new AdaptiveInput(3000, PAD, 64, 4, 32, new int[] {1000, 2000}, DataType.DOUBLE,
        new Rng(3));
    Map<String, INDArray> sd = ai.stateDict();
    for (int band = 0; band < 3; band++) {
      INDArray emb = sd.get("embeddings." + band + ".0.weight");
      assertEquals(0.0, emb.getRow(PAD).norm2Number().doubleValue(), 0.0, "band " + band);
      double std = emb.stdNumber().doubleValue();
      assertEquals(Math.pow(emb.size(1), -0.5), std, 0.1 * std, "band " + band + " embedding std");
      INDArray proj = sd.get("embeddings." + band + ".1.weight");
      double bound = Math.sqrt(6.0 / (proj.size(0) + proj.size(1)));
      assertTrue(proj.amaxNumber().doubleValue() <= bound, "xavier bound of band " + band);
      assertTrue(proj.amaxNumber().doubleValue() > 0.8 * bound, "xavier spread of band " + band);
    }
  }

  @Test
  void eachTokenGoesThroughItsBand() {
    AdaptiveInput ai = small(5);
    int[] ids = {0, 3, 4, 8, 9, 13, 1, 6};
    Tensor out = ai.forward(Nd4j.createFromArray(ids).reshape(2, 4));
    assertArrayEquals(new long[] {2, 4, 6}, out.shape());
    int[] cut = {0, 4, 9, 14};
    Map<String, INDArray> sd = ai.stateDict();
    for (int n = 0; n < ids.length; n++) {
      int band = ids[n] < 4 ? 0 : ids[n] < 9 ? 1 : 2;
      INDArray e = sd.get("embeddings." + band + ".0.weight").getRow(ids[n] - cut[band]);
      INDArray expected = sd.get("embeddings." + band + ".1.weight").mmul(e.reshape(-1, 1)).reshape(-1);
      INDArray got = out.value().reshape(8, 6).getRow(n);
      assertEquals(0.0, got.sub(expected).amaxNumber().doubleValue(), 1e-12, "token " + ids[n]);
    }
  }

  @Test
  void onlyBandZeroFreezesThePaddingRow() {
    AdaptiveInput ai = small(7);
    Tensor out = ai.forward(Nd4j.createFromArray(1, 5, 10, 2));
    out.sum().backward();
    Map<String, Tensor> p = ai.namedParameters();
    assertEquals(0.0, p.get("embeddings.0.0.weight").grad().getRow(PAD).amaxNumber().doubleValue(), 0.0);
    assertTrue(p.get("embeddings.1.0.weight").grad().getRow(PAD).amaxNumber().doubleValue() > 0,
        "band 1 local id 1 (token 5) trains although it starts at zero");
    assertTrue(p.get("embeddings.2.0.weight").grad().getRow(PAD).amaxNumber().doubleValue() > 0);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    AdaptiveInput ai = small(11);
    INDArray ids = Nd4j.createFromArray(new int[] {0, 5, 13, 2, 9, 3, 5, 12}).reshape(2, 4);
    ParamGradCheck.checkProjected(() -> ai.forward(ids), ai.parameters());
  }

  @Test
  void rejectsBadCutoffsAndIds() {
    assertThrows(LeapseqException.class,
        () -> new AdaptiveInput(10, PAD, 8, 2, 6, new int[] {4, 12}, DataType.DOUBLE, new Rng(0)));
    assertThrows(LeapseqException.class, () -> small(0).forward(Nd4j.createFromArray(14)));
    assertArrayEquals(new int[] {4, 9, 14}, small(0).cutoff());
    assertArrayEquals(new int[] {20000, 60000}, Cutoffs.parse("--x", "[20000, 60000]"));
    assertThrows(LeapseqException.class, () -> Cutoffs.parse("--adaptive-input-cutoff", "20000,abc"));
    assertThrows(LeapseqException.class, () -> Cutoffs.parse("--adaptive-input-cutoff", "60000,20000"));
  }
}
