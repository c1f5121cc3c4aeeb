// SPDX-License-Identifier: Apache-2.0
/**
 * Audio input for speech models, as fairseq's {@code examples/speech_to_text} prepares it: {@link
 * org.leapseq.data.audio.WavReader} decodes RIFF/WAVE files (PCM 8/16/24/32-bit, IEEE float32, plain or
 * WAVE_FORMAT_EXTENSIBLE, any channel count and rate) into a mono {@link org.leapseq.data.audio.Waveform} on the
 * int16 scale that Kaldi expects (the channel mean, times 32768); {@link org.leapseq.data.audio.Resampler} changes
 * the rate with torchaudio's windowed-sinc kernel; {@link org.leapseq.data.audio.KaldiFbank} computes the log-mel
 * filterbank of {@code torchaudio.compliance.kaldi.fbank} with fairseq's settings ({@link
 * org.leapseq.data.audio.FbankConfig#fairseq()}), in float64. Everything is deterministic and single-threaded.
 */
package org.leapseq.data.audio;
