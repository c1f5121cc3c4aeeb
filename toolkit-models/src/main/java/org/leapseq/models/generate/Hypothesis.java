// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.generate;

/**
 * One finished hypothesis, as fairseq's generator returns it.
 *
 * @param tokens the tokens after the start symbol: the prompt, the continuation and the final {@code </s>}
 * @param score the (length-normalised) sum of the positional scores, natural log
 * @param positionalScores each token's log-probability (natural log), the prompt's included
 */
public record Hypothesis(int[] tokens, double score, double[] positionalScores) {}
