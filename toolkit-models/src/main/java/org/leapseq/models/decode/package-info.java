// SPDX-License-Identifier: Apache-2.0
/**
 * Fused float32 decoding for language models: one token per row through every layer in plain Java loops over
 * weights copied once into arrays (SIMD through the JDK's incubating Vector API where the JVM has it, scalar loops
 * otherwise), a small spinning worker pool for the matrix-vector products, and recurrent states (running sums for
 * linear attention, a key/value cache for softmax) that beam search reorders by row. It exists because ND4J's
 * per-op dispatch (20-80 us) dominates a decoding step: a 6x512 step is ~400 ops through ND4J and a dozen loops here.
 */
package org.leapseq.models.decode;
