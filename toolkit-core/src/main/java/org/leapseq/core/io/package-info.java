// SPDX-License-Identifier: Apache-2.0
/**
 * Tensor file formats. {@link org.leapseq.core.io.SafeTensors} reads and writes the Hugging Face safetensors format
 * (an 8-byte little-endian header length, a JSON header, then raw little-endian row-major data), validating every
 * input strictly and reporting problems as one-line {@link org.leapseq.core.LeapseqException}s that name the file.
 */
package org.leapseq.core.io;
