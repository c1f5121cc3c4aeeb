// SPDX-License-Identifier: Apache-2.0
/**
 * Fused float32 decoding for language models: one token (or a block of positions) per row through every layer in
 * plain Java loops over weights copied once into panels, with SIMD through the JDK's incubating Vector API (without
 * that module callers stay on ND4J, see {@link org.leapseq.models.decode.FusedDecoder#ifEnabled}; the scalar loops
 * serve tests), a small spinning worker pool for the products, and recurrent states (running sums for linear
 * attention, a key/value cache for softmax) that beam search reorders by row. It exists because ND4J's per-op
 * dispatch (20-80 us) dominates a decoding step: a 6x512 step is ~400 ops through ND4J and a dozen loops here.
 */
package org.leapseq.models.decode;
