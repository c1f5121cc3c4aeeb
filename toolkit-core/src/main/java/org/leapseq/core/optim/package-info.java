// SPDX-License-Identifier: Apache-2.0
/**
 * Optimizers, gradient-norm utilities and learning-rate schedules with fairseq's semantics. An
 * {@link org.leapseq.core.optim.Optimizer} ({@link org.leapseq.core.optim.Adam}, {@link org.leapseq.core.optim.Nag},
 * {@link org.leapseq.core.optim.Sgd}) updates a list of parameter {@link org.leapseq.core.tensor.Tensor}s in place
 * from their gradients at a learning rate it is handed on every step; an {@link org.leapseq.core.optim.LrScheduler}
 * ({@code fixed}, {@code inverse_sqrt}, {@code cosine}, {@code polynomial_decay}, {@code reduce_lr_on_plateau})
 * decides that rate from the update count and the validation loss; {@link org.leapseq.core.optim.GradNorm} is
 * fairseq's {@code clip_grad_norm_} and {@code multiply_grads}. Configs are records under fairseq's option names
 * and defaults, and {@link org.leapseq.core.optim.OptimBuiltIns} registers everything under fairseq's short names.
 * Both optimizer and schedule state export to plain values so that a checkpoint resumes bit-exactly.
 */
package org.leapseq.core.optim;
