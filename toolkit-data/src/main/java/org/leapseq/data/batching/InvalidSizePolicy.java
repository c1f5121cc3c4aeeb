// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

/**
 * What {@link BatchSampler#filterBySize} does with items longer than the maximum: fairseq fails for valid/test
 * sets unless {@code --skip-invalid-size-inputs-valid-test}, and always skips (with a warning) for training.
 */
public enum InvalidSizePolicy {
  /** Fail naming the first offending item, fairseq's default for valid/test. */
  FAIL,
  /** Drop the items and log a warning with their count. */
  SKIP
}
