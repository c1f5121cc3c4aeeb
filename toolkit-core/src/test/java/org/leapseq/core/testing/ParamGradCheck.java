// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GradCheck} for modules: the inputs are live parameters (a module's {@code parameters()}), perturbed in
 * place, rather than fresh arrays. The scalar is {@link GradCheck#project} of the output, with the same
 * {@link GradCheck#STEP}, {@link GradCheck#RTOL} and {@link GradCheck#ATOL}.
 */
public final class ParamGradCheck {
  private ParamGradCheck() {}

  /**
   * Checks the gradient of {@code project(output.get())} with respect to every element of every parameter.
   * {@code output} must be deterministic (no active dropout). A parameter that no gradient reaches counts as
   * having gradient zero. Parameter gradients are dropped before the check and after it, pass or fail.
   */
  public static void checkProjected(Supplier<Tensor> output, List<Tensor> params) {
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Tensor> ps = params.stream().filter(seen::add).toList();
    for (Tensor p : ps) {
      assertTrue(p.dtype() == DataType.DOUBLE, "gradient checks run in float64");
      assertTrue(p.requiresGrad() && p.isLeaf(), "only parameters can be checked");
      p.zeroGrad();
    }
    try {
      GradCheck.project(output.get()).backward();
      for (int i = 0; i < ps.size(); i++) {
        Tensor p = ps.get(i);
        INDArray analytic = p.hasGrad() ? p.grad().dup() : Nd4j.zerosLike(p.value());
        INDArray v = p.value();
        assertArrayEquals(v.shape(), analytic.shape(), "gradient shape of parameter " + i);
        for (long j = 0; j < v.length(); j++) {
          double numeric = numeric(output, v, j);
          double a = analytic.getDouble(j);
          double err = Math.abs(a - numeric);
          assertTrue(err <= GradCheck.ATOL + GradCheck.RTOL * Math.max(Math.abs(a), Math.abs(numeric)),
              String.format("parameter %d element %d: analytic %.12g numeric %.12g", i, j, a, numeric));
        }
      }
    } finally {
      ps.forEach(Tensor::zeroGrad);
    }
  }

  private static double numeric(Supplier<Tensor> output, INDArray v, long j) {
    double orig = v.getDouble(j);
    try (NoGrad ng = NoGrad.enter()) {
      v.putScalar(j, orig + GradCheck.STEP);
      double plus = GradCheck.project(output.get()).item();
      v.putScalar(j, orig - GradCheck.STEP);
      double minus = GradCheck.project(output.get()).item();
      return (plus - minus) / (2 * GradCheck.STEP);
    } finally {
      v.putScalar(j, orig);
    }
  }
}
