// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.leapseq.data.npy.Npy;

/** Against torchaudio 0.13.1 {@code compliance.kaldi.fbank} (float64) on the committed espeak-ng fixtures. */
class KaldiFbankTest {
  static final double TOLERANCE = 1e-3;

  static java.util.List<String> wavs() {
    return Fixtures.WAVS;
  }

  @ParameterizedTest
  @MethodSource("wavs")
  void equalsTorchaudioKaldiFbank(String stem) {
    Waveform w = WavReader.read(Fixtures.file(stem + ".wav"));
    double[][] got = KaldiFbank.compute(w, FbankConfig.fairseq());
    double[][] want = Npy.read(Fixtures.file(stem + ".fbank.npy")).toMatrix();
    double diff = Fixtures.maxAbsDiff(got, want);
    System.err.printf("fbank %s: %d frames, max |diff| = %.3e%n", stem, got.length, diff);
    assertTrue(diff <= TOLERANCE, stem + ": max |diff| " + diff);
  }

  /** torchaudio builds its mel matrix in float32; with it rebuilt in float64 the port agrees to rounding. */
  @Test
  void equalsTorchaudioWithFloat64MelBanksToRounding() {
    double[][] got = KaldiFbank.compute(WavReader.read(Fixtures.file("mono-8k-s16.wav")), FbankConfig.fairseq());
    double[][] want = Npy.read(Fixtures.file("mono-8k-s16.fbank64.npy")).toMatrix();
    double diff = Fixtures.maxAbsDiff(got, want);
    System.err.printf("fbank mono-8k-s16 vs float64 mel banks: max |diff| = %.3e%n", diff);
    assertTrue(diff <= 1e-9, "max |diff| " + diff);
  }

  @Test
  void frameCountsFollowSnipEdges() {
    KaldiFbank f16 = new KaldiFbank(FbankConfig.fairseq(), 16000);
    assertEquals(400, f16.windowSize());
    assertEquals(512, f16.fftSize());
    assertEquals(0, f16.numFrames(399));
    assertEquals(1, f16.numFrames(400));
    assertEquals(1, f16.numFrames(559));
    assertEquals(2, f16.numFrames(560));
    KaldiFbank f22 = new KaldiFbank(FbankConfig.fairseq(), 22050);
    assertEquals(551, f22.windowSize()); // int(22050 * 25 * 0.001)
    assertEquals(1024, f22.fftSize());
    KaldiFbank f8 = new KaldiFbank(FbankConfig.fairseq(), 8000);
    assertEquals(256, f8.fftSize());
    assertEquals(0, f16.compute(new double[100]).length);
  }

  @Test
  void silenceIsTheLogOfEpsilon() {
    double[][] f = new KaldiFbank(FbankConfig.fairseq(), 16000).compute(new double[1600]);
    assertEquals(8, f.length);
    assertEquals(Math.log(KaldiFbank.EPSILON), f[3][40], 0.0);
  }
}
