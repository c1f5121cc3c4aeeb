// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

/** fairseq's {@code --shorten-method}; only {@link #NONE} is implemented. */
public enum ShortenMethod {
  /** Items are used whole. */
  NONE
}
