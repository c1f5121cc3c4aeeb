// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.eval;

/**
 * The scores of one evaluated sequence (one block of the split).
 *
 * @param id the block's index in the split's block dataset (fairseq's {@code sample_id})
 * @param tokens the scored target tokens, in order
 * @param lprobs each target token's log-probability (natural log), the ensemble's when several models are given
 */
public record ScoredSequence(int id, int[] tokens, double[] lprobs) {}
