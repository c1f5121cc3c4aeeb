// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.encoders;

/** fairseq's {@code --tokenizer}: turns raw text into space-separated tokens and back. */
public interface Tokenizer {
  /** Raw text to tokenized text. */
  String encode(String text);

  /** Tokenized text back to raw text. */
  String decode(String text);
}
