// SPDX-License-Identifier: Apache-2.0
/**
 * Neural-network building blocks on the {@link org.leapseq.core.tensor} autodiff, with PyTorch's and fairseq's
 * semantics: a {@link org.leapseq.core.nn.Module} tree whose dotted parameter names match PyTorch state dicts,
 * {@link org.leapseq.core.nn.ModuleList}, the layers {@link org.leapseq.core.nn.Linear},
 * {@link org.leapseq.core.nn.LayerNorm}, {@link org.leapseq.core.nn.Embedding} and
 * {@link org.leapseq.core.nn.Dropout}, the initializers of {@link org.leapseq.core.nn.Init} drawn from a
 * checkpointable {@link org.leapseq.core.nn.Rng}, and safetensors save/load in {@link org.leapseq.core.nn.Modules}.
 */
package org.leapseq.core.nn;
