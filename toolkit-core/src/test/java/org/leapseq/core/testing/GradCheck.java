// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.leapseq.core.tensor.MathOps;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences in float64: every element of every input is moved by +-{@link #STEP} and the
 * numeric slope of the scalar function is compared with the analytic gradient from {@link Tensor#backward()}.
 */
public final class GradCheck {
  public static final double STEP = 1e-6;
  public static final double RTOL = 1e-6;
  public static final double ATOL = 1e-8;

  private GradCheck() {}

  /** Uniform doubles in [lo, hi) of {@code shape} from a fixed seed. */
  public static INDArray uniform(long seed, double lo, double hi, long... shape) {
    SplittableRandom r = new SplittableRandom(seed);
    long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    double[] d = new double[(int) n];
    for (int i = 0; i < d.length; i++) {
      d[i] = lo + (hi - lo) * r.nextDouble();
    }
    return Nd4j.create(d, shape, DataType.DOUBLE);
  }

  /** Standard-normal-ish doubles (uniform in [-2, 2)) of {@code shape}. */
  public static INDArray rand(long seed, long... shape) {
    return uniform(seed, -2, 2, shape);
  }

  /** sum(y * R) with R fixed by the shape of y: a scalar whose gradient reaches every output element. */
  public static Tensor project(Tensor y) {
    INDArray r = uniform(7 + y.value().length(), -1, 1, y.shape());
    return MathOps.mul(y, Tensor.constant(r)).sum();
  }

  /** Checks the gradient of {@code project(f(inputs))} with respect to every input. */
  public static void checkProjected(Function<Tensor[], Tensor> f, INDArray... inputs) {
    check(ts -> project(f.apply(ts)), inputs);
  }

  /** Checks the gradient of the scalar {@code f(inputs)} with respect to every input. */
  public static void check(Function<Tensor[], Tensor> f, INDArray... inputs) {
    Tensor[] ts = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      assertTrue(inputs[i].dataType() == DataType.DOUBLE, "gradient checks run in float64");
      ts[i] = Tensor.param(inputs[i].dup('c'));
    }
    f.apply(ts).backward();
    for (int i = 0; i < ts.length; i++) {
      INDArray analytic = ts[i].grad();
      INDArray v = ts[i].value();
      assertTrue(Arrays.equals(analytic.shape(), v.shape()), "gradient shape of input " + i);
      for (long j = 0; j < v.length(); j++) {
        double numeric = numeric(f, ts, v, j);
        double a = analytic.getDouble(j);
        double err = Math.abs(a - numeric);
        assertTrue(err <= ATOL + RTOL * Math.max(Math.abs(a), Math.abs(numeric)),
            String.format("input %d element %d: analytic %.12g numeric %.12g", i, j, a, numeric));
      }
    }
  }

  private static double numeric(Function<Tensor[], Tensor> f, Tensor[] ts, INDArray v, long j) {
    double orig = v.getDouble(j);
    try (NoGrad ng = NoGrad.enter()) {
      v.putScalar(j, orig + STEP);
      double plus = f.apply(ts).item();
      v.putScalar(j, orig - STEP);
      double minus = f.apply(ts).item();
      return (plus - minus) / (2 * STEP);
    } finally {
      v.putScalar(j, orig);
    }
  }
}
