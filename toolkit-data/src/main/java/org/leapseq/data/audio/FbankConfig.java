// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import org.leapseq.core.Require;

/**
 * The free parameters of the Kaldi log-mel filterbank. Everything else is fixed at fairseq's choice
 * ({@code torchaudio.compliance.kaldi.fbank} defaults): povey window, pre-emphasis 0.97, per-frame DC removal,
 * {@code snip_edges}, power spectrum, FFT size rounded up to a power of two, no dither, log with a floor of the
 * float32 machine epsilon. {@code highFreq <= 0} is an offset from the Nyquist frequency (0 means Nyquist).
 */
public record FbankConfig(int numMelBins, double frameLengthMs, double frameShiftMs, double lowFreq,
    double highFreq) {
  public FbankConfig {
    Require.that(numMelBins > 3, "num_mel_bins must be at least 4, got %d", numMelBins);
    Require.that(frameLengthMs > 0 && frameShiftMs > 0, "frame length and shift must be positive, got %s ms and %s ms",
        frameLengthMs, frameShiftMs);
    Require.that(lowFreq >= 0, "low_freq must be >= 0, got %s", lowFreq);
  }

  /** fairseq's {@code extract_fbank_features}: 80 bins, 25 ms frames every 10 ms, 20 Hz to Nyquist. */
  public static FbankConfig fairseq() {
    return new FbankConfig(80, 25.0, 10.0, 20.0, 0.0);
  }

  public FbankConfig withNumMelBins(int n) {
    return new FbankConfig(n, frameLengthMs, frameShiftMs, lowFreq, highFreq);
  }
}
