// SPDX-License-Identifier: Apache-2.0
/**
 * A small reverse-mode autodiff engine over ND4J {@code INDArray}s: a {@link org.leapseq.core.tensor.Tensor}
 * holds a value, a lazily allocated gradient and the node that produced it; the static op families
 * ({@link org.leapseq.core.tensor.MathOps}, {@link org.leapseq.core.tensor.Activations},
 * {@link org.leapseq.core.tensor.ReduceOps}, {@link org.leapseq.core.tensor.ShapeOps},
 * {@link org.leapseq.core.tensor.LinalgOps}, {@link org.leapseq.core.tensor.NnOps},
 * {@link org.leapseq.core.tensor.Embedding}, {@link org.leapseq.core.tensor.CrossEntropy} and
 * {@link org.leapseq.core.tensor.LinearCrossEntropy}) each pair a
 * forward with a hand-written backward, and {@link org.leapseq.core.tensor.NoGrad} switches recording off for
 * inference. Ops keep their inputs' data type (float32 by default, float64 for gradient checks), fold batch and
 * time into rows so that products run as 2-D gemms, and accumulate gradients in place.
 */
package org.leapseq.core.tensor;
