// SPDX-License-Identifier: Apache-2.0
/**
 * Generation from language models (fairseq's {@code SequenceGenerator} with {@code BeamSearch} and {@code Sampling}):
 * prompts are forced as prefixes, then beam search, greedy (beam 1) or sampling continue them through the decoder's
 * incremental state (recurrent sums for linear attention, a key/value cache for softmax), reordered per beam.
 */
package org.leapseq.models.generate;
