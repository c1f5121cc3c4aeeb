// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.tensor.Tensor;

class NagTest {
  /**
   * momentum 0.99, wd 0.01, --lr [0.25] (the first lr_old), p = [1, -2], grads and rates as AdamTest. Step 1:
   * c = 1e-3/0.25, buf = 0, p = p*(1 - 1e-5) - 1.99e-3*g: p0 = 0.99999 - 0.000995 = 0.998995,
   * p1 = -1.99998 + 0.00199 = -1.99799; buf = -1e-3*g = [-5e-4, 1e-3]. Step 2: c = 2, p += 0.99^2*2*buf - 3.98e-3*g
   * after decay; buf = 1.98*buf - 2e-3*g. Step 3: c = 0.25. Same float64 operation sequence as fairseq's NAG.
   */
  static final double[][] EXPECTED = {
    {0.9989950000000001, -1.9979900000000002},
    {0.9975969201, -1.9967858402},
    {0.9975988523653994, -1.9967867167707989}
  };

  @Test
  void matchesFairseqNagForThreeSteps() {
    Tensor p = Params.of(1.0, -2.0);
    Nag nag = new Nag(new NagConfig(0.99, 0.01, List.of(0.25)), List.of(p));
    for (int s = 0; s < 3; s++) {
      Params.setGrad(p, AdamTest.GRADS[s]);
      nag.step(AdamTest.LRS[s]);
      assertArrayEquals(EXPECTED[s], Params.values(p), 1e-15, "step " + (s + 1));
    }
    OptimizerState st = nag.state();
    assertEquals(5e-4, st.scalars().get("lr_old"));
    assertArrayEquals(new double[] {-0.00014452500000000003, 0.00019104999999999998},
        st.tensors().get("0.momentum_buffer").toDoubleVector(), 1e-19);
  }

  /** inverse_sqrt with --warmup-init-lr 0: step 1 runs at 0, step 2 would compute lr/0 (NaN in the update). */
  @Test
  void aStepAfterARateOfZeroNamesWarmupInitLr() {
    Tensor p = Params.of(1.0, -2.0);
    InverseSqrtSchedule sched = new InverseSqrtSchedule(new InverseSqrtConfig(4000, 0, List.of(5e-4)));
    Nag nag = new Nag(new NagConfig(0.99, 0, List.of(5e-4)), List.of(p));
    Params.setGrad(p, 0.5, -1.0);
    nag.step(sched.stepUpdate(0));
    assertArrayEquals(new double[] {1.0, -2.0}, Params.values(p), 0.0);
    double lr = sched.stepUpdate(1);
    LeapseqException e = assertThrows(LeapseqException.class, () -> nag.step(lr));
    assertTrue(e.getMessage().contains("--warmup-init-lr"), e.getMessage());
    assertArrayEquals(new double[] {1.0, -2.0}, Params.values(p), 0.0);
  }
}
