// SPDX-License-Identifier: Apache-2.0
/**
 * fairseq's token dictionary ({@code fairseq/data/dictionary.py}) with byte-compatible {@code dict.txt} files:
 * the four specials at fixed indices, parallel corpus counting over line-aligned byte chunks, {@code finalize}
 * ordering (count descending, ties by code point) with threshold, size limit and {@code madeupword} padding, and
 * line encoding with an unknown-word tally for the preprocessing log.
 */
package org.leapseq.data.dictionary;
