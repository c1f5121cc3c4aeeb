// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.generate;

import org.leapseq.core.Require;

/**
 * fairseq's {@code GenerationConfig} options that language-model generation uses.
 *
 * @param beam beam size ({@code --beam}, 1 = greedy)
 * @param nbest hypotheses returned per prompt ({@code --nbest} &lt;= beam)
 * @param maxLenA {@code --max-len-a}: the length limit is {@code a * src_len + b}
 * @param maxLenB {@code --max-len-b}
 * @param minLen {@code --min-len}: end of sentence is banned before this step
 * @param lenpen {@code --lenpen}: scores are divided by {@code length^lenpen}
 * @param unkpen {@code --unkpen}: subtracted from the unknown word's log-probability
 * @param unnormalized {@code --unnormalized}: no length normalisation
 * @param noRepeatNgramSize {@code --no-repeat-ngram-size} (0: off)
 * @param sampling {@code --sampling} instead of beam search
 * @param samplingTopk {@code --sampling-topk} (-1: off)
 * @param samplingTopp {@code --sampling-topp} (-1: off)
 * @param temperature {@code --temperature}: logits are divided by it
 * @param seed the sampling seed ({@code --seed})
 */
public record GenerationConfig(int beam, int nbest, double maxLenA, int maxLenB, int minLen, double lenpen,
    double unkpen, boolean unnormalized, int noRepeatNgramSize, boolean sampling, int samplingTopk,
    double samplingTopp, double temperature, long seed) {
  /** Checks the values as fairseq does. */
  public GenerationConfig {
    Require.that(beam >= 1, "--beam must be >= 1, got %d", beam);
    Require.that(nbest >= 1 && nbest <= beam, "--nbest %d must be between 1 and --beam %d", nbest, beam);
    Require.that(minLen >= 0, "--min-len must be >= 0, got %d", minLen);
    Require.that(temperature > 0, "--temperature must be greater than 0, got %s", temperature);
    Require.that(!(samplingTopk > 0 && samplingTopp > 0), "--sampling-topk and --sampling-topp are exclusive");
    Require.that(samplingTopp <= 1, "--sampling-topp must be in (0, 1], got %s", samplingTopp);
    Require.that(sampling || (samplingTopk <= 0 && samplingTopp <= 0),
        "--sampling-topk / --sampling-topp need --sampling");
    Require.that(noRepeatNgramSize >= 0, "--no-repeat-ngram-size must be >= 0");
  }

  /** fairseq's defaults: beam 5, nbest 1, max length 0 * src + 200, min length 1, lenpen 1. */
  public static GenerationConfig defaults() {
    return new GenerationConfig(5, 1, 0, 200, 1, 1, 0, false, 0, false, -1, -1, 1, 1);
  }
}
