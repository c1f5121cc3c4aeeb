// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StateDictTest {
  private static Map<String, INDArray> copy(Map<String, INDArray> state) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    state.forEach((k, v) -> out.put(k, v.dup()));
    return out;
  }

  @Test
  void loadCopiesValuesIntoTheLiveArrays() {
    TinyLm a = new TinyLm(DataType.DOUBLE, new Rng(1));
    TinyLm b = new TinyLm(DataType.DOUBLE, new Rng(2));
    INDArray liveB = b.layers.get(0).fc.weight().value();
    assertNotEquals(a.layers.get(0).fc.weight().value(), liveB);
    b.loadStateDict(copy(a.stateDict()));
    assertSame(liveB, b.layers.get(0).fc.weight().value());
    a.stateDict().forEach((k, v) -> assertEquals(v, b.stateDict().get(k), k));
  }

  @Test
  void oneErrorListsMissingUnexpectedAndMismatchedAndCopiesNothing() {
    TinyLm m = new TinyLm(DataType.DOUBLE, new Rng(1));
    Map<String, INDArray> state = copy(new TinyLm(DataType.DOUBLE, new Rng(2)).stateDict());
    state.remove("layers.1.ln.bias");
    state.put("layers.2.fc.weight", Nd4j.zeros(DataType.DOUBLE, 4, 4));
    state.put("layers.0.fc.weight", Nd4j.zeros(DataType.DOUBLE, 4, 3));
    state.put("layers.0.fc.bias", Nd4j.zeros(DataType.INT, 4));
    INDArray before = m.embedTokens.weight().value().dup();
    LeapseqException e = assertThrows(LeapseqException.class, () -> m.loadStateDict(state));
    String msg = e.getMessage();
    assertTrue(msg.contains("missing [layers.1.ln.bias]"), msg);
    assertTrue(msg.contains("unexpected [layers.2.fc.weight]"), msg);
    assertTrue(msg.contains("layers.0.fc.weight shape [4, 3] != [4, 4]"), msg);
    assertTrue(msg.contains("layers.0.fc.bias type INT != DOUBLE"), msg);
    assertFalse(msg.contains("embed_tokens"), msg);
    assertEquals(before, m.embedTokens.weight().value());
  }

  @Test
  void floatingValuesAreCastToTheLiveType() {
    TinyLm single = new TinyLm(DataType.FLOAT, new Rng(1));
    TinyLm dbl = new TinyLm(DataType.DOUBLE, new Rng(2));
    dbl.loadStateDict(single.stateDict());
    INDArray w = dbl.embedTokens.weight().value();
    assertEquals(DataType.DOUBLE, w.dataType());
    assertEquals(single.embedTokens.weight().value().castTo(DataType.DOUBLE), w);
  }
}
