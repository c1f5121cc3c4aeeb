// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.leapseq.core.tensor.Tensor;
import org.leapseq.core.testing.GradCheck;
import org.leapseq.models.attention.Linear;
import org.leapseq.models.attention.ProportionMlp;
import org.leapseq.models.attention.Random64;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Deterministic float64 inputs and comparisons for the op tests. */
final class Fixtures {
  private final Random64 random;

  Fixtures(long seed) {
    this.random = new Random64(seed);
  }

  INDArray normal(long... shape) {
    return random.normal(shape);
  }

  /** Non-negative features |N(0,1)| + 0.05 (away from ReLU kinks). */
  INDArray features(long... shape) {
    return Transforms.abs(normal(shape), false).addi(0.05);
  }

  /** A fairseq-shaped LeaP MLP D -> D/f -> 1. */
  ProportionMlp leap(int headDim, int factor) {
    return ProportionMlp.of(linear(headDim / factor, headDim), linear(1, headDim / factor));
  }

  private Linear linear(int out, int in) {
    return new Linear(normal(out, in).muli(1.0 / Math.sqrt(in)), normal(out).muli(0.1));
  }

  static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    double diff = expected.sub(actual).norm1Number().doubleValue() == 0 ? 0
        : Transforms.abs(expected.sub(actual), false).maxNumber().doubleValue();
    assertTrue(diff <= tol, what + ": max |diff| = " + diff);
  }

  /** Gradients of project(f(inputs)) with respect to every input, from one backward pass. */
  static INDArray[] gradients(java.util.function.Function<Tensor[], Tensor> f, INDArray... inputs) {
    Tensor[] ts = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      ts[i] = Tensor.param(inputs[i].dup('c'));
    }
    GradCheck.project(f.apply(ts)).backward();
    INDArray[] grads = new INDArray[ts.length];
    for (int i = 0; i < ts.length; i++) {
      grads[i] = ts[i].grad();
    }
    return grads;
  }
}
