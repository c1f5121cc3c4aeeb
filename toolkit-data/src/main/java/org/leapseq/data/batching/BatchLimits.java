// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

import org.leapseq.core.Require;

/**
 * The limits of fairseq's {@code batch_by_size}: {@code --max-tokens} (padded cost: longest item times item
 * count), {@code --batch-size} ({@code max_sentences}) and {@code --required-batch-size-multiple}. A limit of
 * {@link #UNLIMITED} (0) is fairseq's {@code None}; at least one of the two size limits must be set, as {@code
 * fairseq-train} requires.
 */
public record BatchLimits(long maxTokens, int maxSentences, int requiredBatchSizeMultiple) {
  /** No limit, fairseq's {@code None}. */
  public static final int UNLIMITED = 0;

  /** fairseq's default {@code --required-batch-size-multiple}. */
  public static final int DEFAULT_MULTIPLE = 8;

  public BatchLimits {
    Require.that(maxTokens >= 0 && maxSentences >= 0, "max_tokens %d and max_sentences %d must not be negative",
        maxTokens, maxSentences);
    Require.that(maxTokens > 0 || maxSentences > 0,
        "Must specify batch size either with --max-tokens or --batch-size");
    Require.that(requiredBatchSizeMultiple >= 1, "required_batch_size_multiple must be >= 1, got %d",
        requiredBatchSizeMultiple);
  }

  /** {@code --max-tokens N} with no sentence limit and the default multiple 8. */
  public static BatchLimits maxTokens(long maxTokens) {
    return new BatchLimits(maxTokens, UNLIMITED, DEFAULT_MULTIPLE);
  }

  /** {@code --batch-size N} with no token limit and the default multiple 8. */
  public static BatchLimits maxSentences(int maxSentences) {
    return new BatchLimits(UNLIMITED, maxSentences, DEFAULT_MULTIPLE);
  }

  /** These limits with another {@code --required-batch-size-multiple}. */
  public BatchLimits withRequiredMultiple(int multiple) {
    return new BatchLimits(maxTokens, maxSentences, multiple);
  }
}
