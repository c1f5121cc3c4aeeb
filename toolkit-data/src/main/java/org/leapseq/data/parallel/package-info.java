// SPDX-License-Identifier: Apache-2.0
/**
 * Real parallel text built offline from Debian packages, deterministically. The Bible: {@link
 * org.leapseq.data.parallel.BibleCorpus} aligns two SWORD modules dumped with {@code mod2imp} (King James Version
 * and Reina-Valera 1909) by verse key and splits them by book. gettext catalogs: {@link
 * org.leapseq.data.parallel.MoFile} reads compiled {@code .mo} files and {@link
 * org.leapseq.data.parallel.GettextCorpus} harvests English-to-LANG pairs from every catalog under some roots,
 * keeps natural-language sentences and splits them by catalog (domain). {@link
 * org.leapseq.data.parallel.ParallelWriter} writes {@code <split>.tsv} ({@code id<TAB>src<TAB>tgt}) plus the
 * line-aligned {@code <split>.<src-lang>} and {@code <split>.<tgt-lang>} that {@code toolkit-preprocess} reads.
 */
package org.leapseq.data.parallel;
