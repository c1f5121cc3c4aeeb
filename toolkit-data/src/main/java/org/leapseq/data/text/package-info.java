// SPDX-License-Identifier: Apache-2.0
/**
 * Plain-text input read exactly as fairseq's Python code reads it: strict UTF-8 with universal newlines
 * ({@code \n}, {@code \r\n} or a lone {@code \r}), Python's {@code str.split()} whitespace set, and the byte-range
 * chunking of {@code find_offsets}/{@code Chunker} that lets several workers share one file while seeing exactly
 * the lines a single reader would.
 */
package org.leapseq.data.text;
