// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.util.HashMap;
import java.util.Map;
import org.leapseq.data.audio.FbankConfig;
import org.leapseq.data.audio.KaldiFbank;
import org.leapseq.data.audio.Resampler;
import org.leapseq.data.audio.WavReader;
import org.leapseq.data.audio.Waveform;
import org.leapseq.data.npy.NpyArray;

/**
 * fairseq's {@code extract_fbank_features} for one segment: read its samples (mono, int16 scale), optionally
 * resample, Kaldi fbank, stored as float32 [T, D]. Keeps one filterbank per sample rate and one resampler per
 * input rate, so an instance belongs to one thread.
 */
final class FbankExtractor {
  /** The float32 array to store and the same values as doubles (for global CMVN statistics). */
  record Features(NpyArray array, double[][] values) {
    int frames() {
      return values.length;
    }
  }

  private final FbankConfig config;
  private final int targetRate;
  private final Map<Integer, KaldiFbank> fbanks = new HashMap<>();
  private final Map<Integer, Resampler> resamplers = new HashMap<>();

  /** {@code targetRate} 0 keeps each file's rate. */
  FbankExtractor(FbankConfig config, int targetRate) {
    this.config = config;
    this.targetRate = targetRate;
  }

  Features extract(SpeechSegment s) {
    Waveform w = WavReader.read(s.wav(), s.start(), s.frames());
    if (targetRate > 0 && w.sampleRate() != targetRate) {
      Resampler r = resamplers.computeIfAbsent(w.sampleRate(), from -> new Resampler(from, targetRate));
      w = new Waveform(r.apply(w.samples()), targetRate);
    }
    double[][] x = fbanks.computeIfAbsent(w.sampleRate(), rate -> new KaldiFbank(config, rate)).compute(w.samples());
    int d = config.numMelBins();
    float[] flat = new float[x.length * d];
    for (int t = 0; t < x.length; t++) {
      for (int k = 0; k < d; k++) {
        float v = (float) x[t][k];
        flat[t * d + k] = v;
        x[t][k] = v; // what fairseq's float32 features hold
      }
    }
    return new Features(NpyArray.ofFloats(flat, x.length, d), x);
  }
}
