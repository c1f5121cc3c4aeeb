// SPDX-License-Identifier: Apache-2.0
/**
 * Pre-tokenizers applied to raw text before dictionary lookup (fairseq's {@code --tokenizer}); subword models
 * ({@code --bpe}) join them here as they are added.
 */
package org.leapseq.data.encoders;
