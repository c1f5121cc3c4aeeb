// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Saving after some steps and continuing in a fresh optimizer gives bit-identical parameters. */
class OptimizerStateTest {
  private static final double[][] GRADS = {{0.5, -1.0}, {0.1, 0.2}, {-0.3, 0.4}, {0.7, -0.2}, {-0.1, 0.05}};
  private static final double[] LRS = {1e-3, 2e-3, 5e-4, 7e-4, 3e-4};

  @Test
  void adamResumesBitExactly() {
    resumes(ps -> new Adam(new AdamConfig("(0.9, 0.98)", 1e-8, 0.01, true), ps));
  }

  @Test
  void nagResumesBitExactly() {
    resumes(ps -> new Nag(new NagConfig(0.99, 0.01, List.of(0.25)), ps));
  }

  @Test
  void sgdResumesBitExactly() {
    resumes(ps -> new Sgd(new SgdConfig(0.9, 0.01), ps));
  }

  /** Runs 5 steps straight, and 3 steps + save + load into a new optimizer over copied parameters + 2 steps. */
  private static void resumes(Function<List<Tensor>, Optimizer> make) {
    Tensor a = Params.of(1.0, -2.0);
    Tensor idle = Params.of(4.0);
    Optimizer straight = make.apply(List.of(a, idle));
    Tensor b = Params.of(1.0, -2.0);
    Optimizer first = make.apply(List.of(b, Params.of(4.0)));
    for (int s = 0; s < 3; s++) {
      step(straight, a, s);
      step(first, b, s);
    }
    OptimizerState saved = first.state();
    step(first, b, 3); // must not disturb the saved copy
    Tensor c = Tensor.param(Nd4j.createFromArray(Params.values(a)));
    Optimizer resumed = make.apply(List.of(c, Params.of(4.0)));
    resumed.loadState(saved);
    for (int s = 3; s < 5; s++) {
      step(straight, a, s);
      step(resumed, c, s);
    }
    assertArrayEquals(Params.values(a), Params.values(c), 0.0);
    assertEquals(straight.state().scalars(), resumed.state().scalars());
    straight.state().tensors().forEach((k, v) -> assertEquals(v, resumed.state().tensors().get(k), k));
  }

  private static void step(Optimizer opt, Tensor p, int s) {
    Params.setGrad(p, GRADS[s]);
    opt.step(LRS[s]);
  }

  @Test
  void foreignOrMisshapenStateIsRejected() {
    Tensor p = Params.of(1.0, -2.0);
    Adam adam = new Adam(AdamConfig.defaults(), List.of(p));
    var nagState = new OptimizerState(Map.of("0.momentum_buffer", Nd4j.zeros(DataType.DOUBLE, 2)), Map.of());
    LeapseqException e = assertThrows(LeapseqException.class, () -> adam.loadState(nagState));
    assertTrue(e.getMessage().contains("--reset-optimizer"), e.getMessage());
    var wrongShape = new OptimizerState(Map.of("0.exp_avg", Nd4j.zeros(DataType.DOUBLE, 3)), Map.of());
    assertThrows(LeapseqException.class, () -> adam.loadState(wrongShape));
    var wrongIndex = new OptimizerState(Map.of("1.exp_avg", Nd4j.zeros(DataType.DOUBLE, 2)), Map.of());
    assertThrows(LeapseqException.class, () -> adam.loadState(wrongIndex));
    Nag nag = new Nag(NagConfig.defaults(), List.of(p));
    assertThrows(LeapseqException.class,
        () -> nag.loadState(new OptimizerState(Map.of(), Map.of("0.step", 1.0))));
  }
}
