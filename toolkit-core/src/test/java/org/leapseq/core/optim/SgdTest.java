// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.tensor.Tensor;

class SgdTest {
  /**
   * torch.optim.SGD with momentum 0.9, wd 0.01, p = [1, -2], grads and rates as AdamTest. Step 1: d = g + 0.01*p =
   * [0.51, -1.02], buf = d, p = p - 1e-3*d = [0.99949, -1.99898]. Step 2: d = [0.1099949, 0.1800102],
   * buf = 0.9*buf + d = [0.5689949, -0.7379898], p -= 2e-3*buf. Step 3 likewise at 5e-4.
   */
  static final double[][] EXPECTED = {
    {0.99949, -1.99898},
    {0.9983520102, -1.9975040204},
    {0.998240970734949, -1.997361937469898}
  };

  @Test
  void matchesTorchSgdWithMomentumAndWeightDecay() {
    Tensor p = Params.of(1.0, -2.0);
    Sgd sgd = new Sgd(new SgdConfig(0.9, 0.01), List.of(p));
    for (int s = 0; s < 3; s++) {
      Params.setGrad(p, AdamTest.GRADS[s]);
      sgd.step(AdamTest.LRS[s]);
      assertArrayEquals(EXPECTED[s], Params.values(p), 1e-15, "step " + (s + 1));
    }
  }

  @Test
  void plainSgdKeepsNoState() {
    Tensor p = Params.of(1.0, -2.0);
    Sgd sgd = new Sgd(SgdConfig.defaults(), List.of(p));
    Params.setGrad(p, 0.5, -1.0);
    sgd.step(0.1);
    assertArrayEquals(new double[] {0.95, -1.9}, Params.values(p), 1e-16);
    assertTrue(sgd.state().tensors().isEmpty());
  }
}
