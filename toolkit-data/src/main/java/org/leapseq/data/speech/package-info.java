// SPDX-License-Identifier: Apache-2.0
/**
 * fairseq's {@code speech_to_text} data layout: {@link org.leapseq.data.speech.FeatureZipWriter} packs per-utterance
 * fbank arrays into an uncompressed zip addressed as {@code path.zip:offset:length} ({@link
 * org.leapseq.data.speech.AudioPath}, read back by {@link org.leapseq.data.speech.FeatureStore});
 * {@link org.leapseq.data.speech.S2tManifest} reads and writes the TSV manifests ({@code id audio n_frames tgt_text
 * speaker}, csv with tab delimiter and {@code QUOTE_NONE}); {@link org.leapseq.data.speech.S2tDataConfig} is the
 * {@code config.yaml}; {@link org.leapseq.data.speech.UtteranceCmvn}, {@link org.leapseq.data.speech.GlobalCmvn} and
 * {@link org.leapseq.data.speech.SpecAugment} are the feature transforms, each equal to fairseq's, and {@link
 * org.leapseq.data.speech.FeatureTransforms} builds the list config.yaml names for a split. {@link
 * org.leapseq.data.speech.S2tPrep} is fairseq's {@code prep_mustc_data.py} on top of these: it reads MuST-C ({@link
 * org.leapseq.data.speech.MustcCorpus}) or raw one-WAV-per-utterance manifests ({@link
 * org.leapseq.data.speech.RawManifestCorpus}), computes the features in parallel into {@code fbank80.zip}, and
 * writes the manifests, the SentencePiece vocabulary, {@code gcmvn.npz} and {@code config_<task>.yaml}.
 */
package org.leapseq.data.speech;
