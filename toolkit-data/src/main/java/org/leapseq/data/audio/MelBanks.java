// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import org.leapseq.core.LeapseqException;

/**
 * Kaldi's triangular mel filters (torchaudio {@code get_mel_banks} without VTLN), stored as one contiguous range
 * of FFT bins per filter: filter m covers bins {@code [start[m], start[m] + weights[m].length)}. Mel scale
 * {@code 1127 ln(1 + f / 700)}; filter edges equally spaced in mel between lowFreq and highFreq; the Nyquist bin
 * gets weight 0.
 */
final class MelBanks {
  final int[] start;
  final double[][] weights;

  MelBanks(int numBins, int paddedWindow, double sampleRate, double lowFreq, double highFreqOrOffset) {
    double nyquist = 0.5 * sampleRate;
    double highFreq = highFreqOrOffset <= 0 ? highFreqOrOffset + nyquist : highFreqOrOffset;
    if (!(lowFreq < nyquist && highFreq > 0 && highFreq <= nyquist && lowFreq < highFreq)) {
      throw LeapseqException.of("bad mel range: low_freq %s and high_freq %s vs. Nyquist %s at %s Hz", lowFreq,
          highFreq, nyquist, sampleRate);
    }
    int fftBins = paddedWindow / 2;
    double binWidth = sampleRate / paddedWindow;
    double melLow = mel(lowFreq);
    double delta = (mel(highFreq) - melLow) / (numBins + 1);
    start = new int[numBins];
    weights = new double[numBins][];
    double[] row = new double[fftBins];
    double[] binMel = new double[fftBins];
    for (int k = 0; k < fftBins; k++) {
      binMel[k] = mel(binWidth * k);
    }
    for (int m = 0; m < numBins; m++) {
      double left = melLow + m * delta;
      double center = melLow + (m + 1.0) * delta;
      double right = melLow + (m + 2.0) * delta;
      int first = -1;
      int last = -1;
      for (int k = 0; k < fftBins; k++) {
        double f = binMel[k];
        double w = Math.max(0.0, Math.min((f - left) / (center - left), (right - f) / (right - center)));
        row[k] = w;
        if (w > 0) {
          first = first < 0 ? k : first;
          last = k;
        }
      }
      start[m] = Math.max(first, 0);
      weights[m] = first < 0 ? new double[0] : java.util.Arrays.copyOfRange(row, first, last + 1);
    }
  }

  static double mel(double freq) {
    return 1127.0 * Math.log(1.0 + freq / 700.0);
  }

  /** out[m] = sum_k weights[m][k - start[m]] * power[k]. */
  void apply(double[] power, double[] out, int outOffset) {
    for (int m = 0; m < start.length; m++) {
      double[] w = weights[m];
      int s = start[m];
      double e = 0;
      for (int j = 0; j < w.length; j++) {
        e += w[j] * power[s + j];
      }
      out[outOffset + m] = e;
    }
  }
}
