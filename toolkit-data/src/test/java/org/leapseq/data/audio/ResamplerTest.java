// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.leapseq.data.npy.Npy;

/** Against torchaudio 0.13.1 {@code functional.resample(x, 22050, 16000)} in float64 (first 0.25 s stored). */
class ResamplerTest {
  @Test
  void equalsTorchaudioResample() {
    Waveform w = WavReader.read(Fixtures.file("espeak-stdout-22k.wav"));
    Waveform r = Resampler.resample(w, 16000);
    assertEquals(16000, r.sampleRate());
    assertEquals((int) Math.ceil(w.length() * 16000.0 / 22050), r.length());
    double[] want = Npy.read(Fixtures.file("espeak-stdout-22k.resampled16k.npy")).toDoubles();
    double max = 0;
    double peak = 0;
    for (int i = 0; i < want.length; i++) {
      max = Math.max(max, Math.abs(want[i] - r.samples()[i]));
      peak = Math.max(peak, Math.abs(want[i]));
    }
    System.err.printf("resample 22050->16000: max |diff| = %.3e (peak %.0f)%n", max, peak);
    assertTrue(peak > 1000, "reference is not silence: peak " + peak);
    assertTrue(max < 1e-9, "max |diff| " + max); // float64 on values up to ~1e4
  }

  @Test
  void deterministicAndIdentityAtTheSameRate() {
    Waveform w = WavReader.read(Fixtures.file("mono-8k-s16.wav"));
    assertSame(w, Resampler.resample(w, 8000));
    assertArrayEquals(Resampler.resample(w, 16000).samples(), Resampler.resample(w, 16000).samples());
  }

  @Test
  void nearlyCoprimeRatesStaySmallAndKeepATone() {
    double[] x = new double[16001];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1000 * Math.sin(2 * Math.PI * 440 * i / 16001.0);
    }
    double[] y = new Resampler(16001, 16000).apply(x); // 16000 phases: only ~12 taps each are kept
    assertEquals(16000, y.length);
    for (int i = 200; i < 15800; i += 97) {
      assertEquals(1000 * Math.sin(2 * Math.PI * 440 * i / 16000.0), y[i], 1.0, "sample " + i);
    }
  }

  @Test
  void aToneBelowTheCutoffSurvivesDownsampling() {
    int n = 48000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 10000 * Math.sin(2 * Math.PI * 1000 * i / 48000.0);
    }
    double[] y = new Resampler(48000, 16000).apply(x);
    assertEquals(16000, y.length);
    for (int i = 100; i < 15900; i += 37) {
      assertEquals(10000 * Math.sin(2 * Math.PI * 1000 * i / 16000.0), y[i], 5.0, "sample " + i);
    }
  }
}
