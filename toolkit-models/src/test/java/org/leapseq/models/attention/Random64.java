// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deterministic float64 Gaussian tensors for tests. */
public final class Random64 {
  private final Random random;

  public Random64(long seed) {
    this.random = new Random(seed);
  }

  /** N(0, 1) entries in row-major draw order, float64. */
  public INDArray normal(long... shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    double[] data = new double[(int) n];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextGaussian();
    }
    return Nd4j.create(data, shape, DataType.DOUBLE);
  }

  Linear linear(int out, int in) {
    return new Linear(normal(out, in).muli(1.0 / Math.sqrt(in)), normal(out).muli(0.1));
  }

  /** A fairseq-shaped LeaP MLP D -> D/f -> 1. */
  ProportionMlp leap(int headDim, int factor) {
    return ProportionMlp.of(linear(headDim / factor, headDim), linear(1, headDim / factor));
  }
}
