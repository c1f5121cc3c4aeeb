// SPDX-License-Identifier: Apache-2.0
/**
 * SentencePiece subword models as fairseq uses them: {@link org.leapseq.data.spm.SentencePieceModel} encodes and
 * decodes through the official C++ library (DJL's JNI binding, whose jar carries the native library, so nothing is
 * downloaded at run time), {@link org.leapseq.data.spm.SpmTrainer} trains models with the official {@code spm_train}
 * program (Debian package {@code sentencepiece}), and {@link org.leapseq.data.spm.FairseqSpmVocab} writes the
 * fairseq dictionary ({@code <piece> 1} per line, the four special symbols left out) that
 * {@code examples/speech_to_text/data_utils.py::gen_vocab} writes beside the model.
 */
package org.leapseq.data.spm;
