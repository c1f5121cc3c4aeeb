// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import org.jtransforms.fft.DoubleFFT_1D;
import org.leapseq.core.Require;

/**
 * Kaldi-compatible log-mel filterbank, equal to {@code torchaudio.compliance.kaldi.fbank(waveform,
 * num_mel_bins=D, sample_frequency=sr)} as fairseq calls it, computed in float64 at the waveform's own rate. Per
 * frame of {@code windowSize} samples every {@code windowShift}: subtract the frame mean, pre-emphasis
 * {@code x[j] -= 0.97 x[j-1]} (with {@code x[-1] = x[0]}), povey window {@code hann(periodic=False)^0.85},
 * zero-pad to the next power of two, power spectrum, mel filters, {@code log(max(e, FLT_EPSILON))}. Frames:
 * {@code 1 + (N - windowSize) / windowShift}, none if N < windowSize ({@code snip_edges}).
 *
 * <p>An instance is tied to one sample rate and reuses its buffers, so it is not thread-safe; use one per thread.
 */
public final class KaldiFbank {
  /** {@code torch.finfo(torch.float).eps}, the floor before the log. */
  public static final double EPSILON = 1.1920928955078125e-07;
  private static final double PREEMPHASIS = 0.97;
  private static final double MS = 0.001;

  private final FbankConfig config;
  private final int sampleRate;
  private final int windowSize;
  private final int windowShift;
  private final int paddedSize;
  private final double[] window;
  private final MelBanks mel;
  private final DoubleFFT_1D fft;
  private final double[] buffer;
  private final double[] power;

  public KaldiFbank(FbankConfig config, int sampleRate) {
    this.config = config;
    this.sampleRate = sampleRate;
    // torchaudio: int(sample_frequency * frame_shift * 0.001), evaluated left to right in double
    this.windowShift = (int) (sampleRate * config.frameShiftMs() * MS);
    this.windowSize = (int) (sampleRate * config.frameLengthMs() * MS);
    Require.that(windowSize >= 2 && windowShift > 0, "frame length %s ms / shift %s ms give %d / %d samples at %d Hz",
        config.frameLengthMs(), config.frameShiftMs(), windowSize, windowShift, sampleRate);
    this.paddedSize = Integer.highestOneBit(windowSize - 1) << 1;
    this.window = poveyWindow(windowSize);
    this.mel = new MelBanks(config.numMelBins(), paddedSize, sampleRate, config.lowFreq(), config.highFreq());
    this.fft = new DoubleFFT_1D(paddedSize);
    this.buffer = new double[paddedSize];
    this.power = new double[paddedSize / 2 + 1];
  }

  /**
   * The features of {@code waveform} with {@code config}: [T, D]. Builds the window, mel matrix and FFT plan each
   * call; to process many files, keep one instance per sample rate.
   */
  public static double[][] compute(Waveform waveform, FbankConfig config) {
    return new KaldiFbank(config, waveform.sampleRate()).compute(waveform.samples());
  }

  public int sampleRate() {
    return sampleRate;
  }

  /** D. */
  public int numMelBins() {
    return config.numMelBins();
  }

  /** Samples per frame and the FFT size (window size rounded up to a power of two). */
  public int windowSize() {
    return windowSize;
  }

  public int fftSize() {
    return paddedSize;
  }

  /** T for N samples. */
  public int numFrames(int numSamples) {
    return numSamples < windowSize ? 0 : 1 + (numSamples - windowSize) / windowShift;
  }

  /** samples: [N] on the int16 scale -> [T, D] log-mel energies. */
  public double[][] compute(double[] samples) {
    int frames = numFrames(samples.length);
    double[][] out = new double[frames][config.numMelBins()];
    for (int t = 0; t < frames; t++) {
      frame(samples, t * windowShift, out[t]);
    }
    return out;
  }

  /** Writes the D log-mel energies of the frame starting at sample {@code start} into {@code out}. */
  private void frame(double[] samples, int start, double[] out) {
    double[] x = buffer;
    double mean = 0;
    for (int j = 0; j < windowSize; j++) {
      mean += samples[start + j];
    }
    mean /= windowSize;
    double prev = samples[start] - mean;
    for (int j = 0; j < windowSize; j++) {
      double v = samples[start + j] - mean;
      x[j] = (v - PREEMPHASIS * prev) * window[j];
      prev = v;
    }
    java.util.Arrays.fill(x, windowSize, paddedSize, 0.0);
    fft.realForward(x);
    int half = paddedSize / 2;
    power[0] = x[0] * x[0];
    power[half] = x[1] * x[1];
    for (int k = 1; k < half; k++) {
      double re = x[2 * k];
      double im = x[2 * k + 1];
      power[k] = re * re + im * im;
    }
    mel.apply(power, out, 0);
    for (int m = 0; m < out.length; m++) {
      out[m] = Math.log(Math.max(out[m], EPSILON));
    }
  }

  /** torch.hann_window(n, periodic=False).pow(0.85). */
  private static double[] poveyWindow(int n) {
    double[] w = new double[n];
    double a = 2 * Math.PI / (n - 1);
    for (int j = 0; j < n; j++) {
      w[j] = Math.pow(0.5 - 0.5 * Math.cos(a * j), 0.85);
    }
    return w;
  }
}
