// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import org.leapseq.core.Require;

/**
 * Mono audio on the int16 scale (a full-scale sine peaks near +-32768), as fairseq hands it to Kaldi's fbank:
 * {@code samples: [N]} at {@code sampleRate} Hz. The array is shared, not copied; treat it as read-only.
 */
public record Waveform(double[] samples, int sampleRate) {
  public Waveform {
    Require.that(samples != null, "samples must not be null");
    Require.that(sampleRate > 0, "sample rate must be positive, got %d", sampleRate);
  }

  /** Number of samples N. */
  public int length() {
    return samples.length;
  }

  /** N / sampleRate. */
  public double seconds() {
    return samples.length / (double) sampleRate;
  }
}
