// SPDX-License-Identifier: Apache-2.0
/**
 * fairseq's adaptive input and adaptive softmax (Baevski and Auli; Grave et al.): frequency bands of the vocabulary
 * with shrinking dimensions, optionally sharing their weights and projections, under fairseq's parameter names
 * ({@code decoder.embed_tokens.embeddings.1.0.weight}, {@code decoder.adaptive_softmax.tail.0.2.weight}).
 */
package org.leapseq.models.adaptive;
