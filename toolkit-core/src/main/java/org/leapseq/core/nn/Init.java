// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.nn;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parameter initializers with PyTorch's and fairseq's formulas. Every random one draws its values from an
 * {@link Rng} in row-major order (so a seed fixes the result) in double precision, then stores them as the
 * requested {@link DataType}, FLOAT or DOUBLE. Fans follow PyTorch: for a shape [out, in, k...], fan_in = in * k...
 * and fan_out = out * k....
 */
public final class Init {
  private Init() {}

  /** Values uniform in [lo, hi). */
  public static INDArray uniform(Rng rng, DataType dtype, double lo, double hi, long... shape) {
    Require.that(lo <= hi, "uniform init: lo %s > hi %s", lo, hi);
    return fill(dtype, shape, () -> lo + (hi - lo) * rng.nextDouble());
  }

  /** Values normal with the given mean and standard deviation. */
  public static INDArray normal(Rng rng, DataType dtype, double mean, double std, long... shape) {
    Require.that(std >= 0, "normal init: negative std %s", std);
    return fill(dtype, shape, () -> mean + std * rng.nextGaussian());
  }

  public static INDArray zeros(DataType dtype, long... shape) {
    checkDtype(dtype);
    return Nd4j.zeros(dtype, shape);
  }

  public static INDArray ones(DataType dtype, long... shape) {
    checkDtype(dtype);
    return Nd4j.ones(dtype, shape);
  }

  /** torch.nn.init.xavier_uniform_: U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out)). */
  public static INDArray xavierUniform(Rng rng, DataType dtype, double gain, long... shape) {
    double bound = gain * Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
    return uniform(rng, dtype, -bound, bound, shape);
  }

  /**
   * torch.nn.init.kaiming_uniform_ (leaky_relu, fan_in mode): U(-b, b) with b = sqrt(3) * gain / sqrt(fan_in) and
   * gain = sqrt(2 / (1 + a^2)).
   */
  public static INDArray kaimingUniform(Rng rng, DataType dtype, double a, long... shape) {
    double gain = Math.sqrt(2.0 / (1 + a * a));
    double bound = Math.sqrt(3.0) * gain / Math.sqrt(fanIn(shape));
    return uniform(rng, dtype, -bound, bound, shape);
  }

  /** nn.Linear's default weight [out, in]: kaiming_uniform with a = sqrt(5), i.e. U(-1/sqrt(in), 1/sqrt(in)). */
  public static INDArray linearWeight(Rng rng, DataType dtype, long out, long in) {
    return kaimingUniform(rng, dtype, Math.sqrt(5), out, in);
  }

  /** nn.Linear's default bias [out]: U(-1/sqrt(in), 1/sqrt(in)). */
  public static INDArray linearBias(Rng rng, DataType dtype, long out, long in) {
    Require.that(in > 0, "linear bias init: fan_in %d", in);
    double bound = 1 / Math.sqrt(in);
    return uniform(rng, dtype, -bound, bound, out);
  }

  /** fairseq's Embedding [num, dim]: normal(0, dim^-0.5) with row {@code paddingIdx} set to zero. */
  public static INDArray embedding(Rng rng, DataType dtype, long num, long dim, int paddingIdx) {
    Require.that(paddingIdx >= 0 && paddingIdx < num, "padding index %d outside %d embeddings", paddingIdx, num);
    INDArray w = normal(rng, dtype, 0, Math.pow(dim, -0.5), num, dim);
    w.getRow(paddingIdx).assign(0);
    return w;
  }

  static long fanIn(long[] shape) {
    Require.that(shape.length >= 2, "fan in/out needs at least 2 dimensions, got %s", Arrays.toString(shape));
    return shape[1] * receptiveField(shape);
  }

  static long fanOut(long[] shape) {
    Require.that(shape.length >= 2, "fan in/out needs at least 2 dimensions, got %s", Arrays.toString(shape));
    return shape[0] * receptiveField(shape);
  }

  private static long receptiveField(long[] shape) {
    long r = 1;
    for (int i = 2; i < shape.length; i++) {
      r *= shape[i];
    }
    return r;
  }

  private static INDArray fill(DataType dtype, long[] shape, DoubleSupplier draw) {
    checkDtype(dtype);
    long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    Require.that(n <= Integer.MAX_VALUE, "init of %d elements", n);
    double[] d = new double[(int) n];
    for (int i = 0; i < d.length; i++) {
      d[i] = draw.getAsDouble();
    }
    return Nd4j.create(d, shape, dtype);
  }

  private static void checkDtype(DataType dtype) {
    Require.that(dtype == DataType.FLOAT || dtype == DataType.DOUBLE, "parameters are FLOAT or DOUBLE, not %s",
        dtype);
  }
}
