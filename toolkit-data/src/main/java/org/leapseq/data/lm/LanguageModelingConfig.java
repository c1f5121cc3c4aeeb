// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import org.leapseq.core.Require;

/**
 * The data options of fairseq's {@code LanguageModelingConfig}: {@code --tokens-per-sample} (block size), {@code
 * --sample-break-mode}, {@code --add-bos-token}, {@code --max-target-positions} (the longest block accepted; fairseq
 * takes it from the model, whose default is {@code tokens_per_sample}) and {@code --shorten-method}. The target
 * is always fairseq's default {@code future} target.
 */
public record LanguageModelingConfig(int tokensPerSample, SampleBreakMode sampleBreakMode, boolean addBosToken,
    int maxTargetPositions, ShortenMethod shortenMethod) {
  /** fairseq's default {@code --tokens-per-sample}. */
  public static final int DEFAULT_TOKENS_PER_SAMPLE = 1024;

  public LanguageModelingConfig {
    Require.that(tokensPerSample > 0, "tokens_per_sample must be > 0, got %d", tokensPerSample);
    Require.that(maxTargetPositions > 0, "max_target_positions must be > 0, got %d", maxTargetPositions);
    Require.that(sampleBreakMode != null && shortenMethod != null, "sample_break_mode and shorten_method are needed");
  }

  /** fairseq's defaults: 1024 tokens per sample, break mode none, no bos, 1024 target positions. */
  public static LanguageModelingConfig defaults() {
    return ofBlockSize(DEFAULT_TOKENS_PER_SAMPLE, SampleBreakMode.NONE);
  }

  /** {@code tokensPerSample} blocks under {@code mode}, with {@code max_target_positions = tokensPerSample}. */
  public static LanguageModelingConfig ofBlockSize(int tokensPerSample, SampleBreakMode mode) {
    return new LanguageModelingConfig(tokensPerSample, mode, false, tokensPerSample, ShortenMethod.NONE);
  }

  /** This config with {@code --add-bos-token}. */
  public LanguageModelingConfig withBosToken() {
    return new LanguageModelingConfig(tokensPerSample, sampleBreakMode, true, maxTargetPositions, shortenMethod);
  }

  /** This config with another {@code --max-target-positions}. */
  public LanguageModelingConfig withMaxTargetPositions(int positions) {
    return new LanguageModelingConfig(tokensPerSample, sampleBreakMode, addBosToken, positions, shortenMethod);
  }
}
