// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.tensor.Phase;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModuleTest {
  /** A module whose registration methods are open to the test. */
  static final class Open extends Module {
    Tensor p(String name) {
      return param(name, Nd4j.zeros(DataType.DOUBLE, 2));
    }

    INDArray b(String name) {
      return buffer(name, Nd4j.zeros(DataType.DOUBLE, 2));
    }

    <M extends Module> M c(String name, M m) {
      return child(name, m);
    }
  }

  private static final List<String> PARAMS = List.of("embed_tokens.weight", "layers.0.fc.weight", "layers.0.fc.bias",
      "layers.0.ln.weight", "layers.0.ln.bias", "layers.1.fc.weight", "layers.1.fc.bias", "layers.1.ln.weight",
      "layers.1.ln.bias");

  @Test
  void namedParametersFollowPyTorchOrderAndDropTiedDuplicates() {
    TinyLm m = new TinyLm(DataType.DOUBLE, new Rng(1));
    assertEquals(PARAMS, new ArrayList<>(m.namedParameters().keySet()));
    assertEquals(PARAMS.size(), m.parameters().size());
    assertSame(m.embedTokens.weight(), m.parameters().get(0));
    long perBlock = 4 * 4 + 4 + 4 + 4;
    assertEquals(7 * 4 + 2 * perBlock, m.parameterCount());
  }

  @Test
  void stateDictListsBuffersBeforeChildrenAndTiedWeightsUnderBothNames() {
    TinyLm m = new TinyLm(DataType.DOUBLE, new Rng(1));
    List<String> expected = new ArrayList<>();
    expected.add("version");
    expected.addAll(PARAMS);
    expected.add("output_projection.weight");
    assertEquals(expected, new ArrayList<>(m.stateDict().keySet()));
    assertSame(m.stateDict().get("embed_tokens.weight"), m.stateDict().get("output_projection.weight"));
    assertSame(m.version, m.stateDict().get("version"));
    assertSame(m.layers.get(1).fc.weight().value(), m.stateDict().get("layers.1.fc.weight"));
  }

  @Test
  void badAndDuplicateNamesAreRejected() {
    Open o = new Open();
    o.p("w");
    assertThrows(LeapseqException.class, () -> o.p("w"));
    assertThrows(LeapseqException.class, () -> o.b("w"));
    assertThrows(LeapseqException.class, () -> o.c("w", new Open()));
    assertThrows(LeapseqException.class, () -> o.p("a.b"));
    assertThrows(LeapseqException.class, () -> o.p(""));
    assertThrows(LeapseqException.class, () -> o.b("x-y"));
    o.b("w_2");
    assertEquals(List.of("w"), new ArrayList<>(o.namedParameters().keySet()));
    assertEquals(List.of("w", "w_2"), new ArrayList<>(o.stateDict().keySet()));
  }

  @Test
  void aModuleHasOneParentAndNoCycles() {
    Open a = new Open();
    Open b = a.c("b", new Open());
    Open other = new Open();
    assertThrows(LeapseqException.class, () -> other.c("b", b));
    assertThrows(LeapseqException.class, () -> a.c("self", a));
    assertThrows(LeapseqException.class, () -> b.c("up", a));
    assertFalse(other.stateDict().containsKey("b"));
  }

  @Test
  void phasePropagatesToEveryDescendant() {
    TinyLm m = new TinyLm(DataType.DOUBLE, new Rng(1));
    assertEquals(Phase.TRAIN, m.layers.get(1).ln.phase());
    m.eval();
    assertEquals(Phase.EVAL, m.phase());
    assertEquals(Phase.EVAL, m.layers.get(1).ln.phase());
    assertEquals(Phase.EVAL, m.outputProjection.phase());
    m.layers.train();
    assertEquals(Phase.EVAL, m.phase());
    assertEquals(Phase.TRAIN, m.layers.get(0).fc.phase());
  }

  @Test
  void zeroGradDropsEveryGradient() {
    TinyLm m = new TinyLm(DataType.DOUBLE, new Rng(1));
    m.forward(Nd4j.createFromArray(new int[][] {{2, 3}})).sum().backward();
    assertTrue(m.parameters().stream().allMatch(Tensor::hasGrad));
    m.zeroGrad();
    assertTrue(m.parameters().stream().noneMatch(Tensor::hasGrad));
  }

  @Test
  void moduleListIndexesIteratesAndNamesChildren() {
    ModuleList<Open> list = ModuleList.of(3, i -> new Open());
    assertEquals(3, list.size());
    List<Open> seen = new ArrayList<>();
    list.forEach(seen::add);
    assertSame(list.get(2), seen.get(2));
    list.get(2).p("w");
    list.get(0).p("v");
    assertEquals(List.of("0.v", "2.w"), new ArrayList<>(list.namedParameters().keySet()));
    Open x = new Open();
    ModuleList<Open> two = ModuleList.of(List.of(x, new Open()));
    assertSame(x, two.get(0));
    Open fresh = new Open();
    assertThrows(LeapseqException.class, () -> ModuleList.of(List.of(fresh, x)));
    assertThrows(LeapseqException.class, () -> ModuleList.of(List.of(fresh, fresh)));
    ModuleList.of(List.of(fresh));
  }
}
