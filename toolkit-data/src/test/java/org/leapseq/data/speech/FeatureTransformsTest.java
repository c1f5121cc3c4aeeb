// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.audio.Fixtures;
import org.leapseq.data.batching.NumpyRandom;
import org.leapseq.data.npy.Npy;

/** Against fairseq's transforms run by numpy 1.24 on the fixture features (speech-reference.py). */
class FeatureTransformsTest {
  @Test
  void utteranceCmvnEqualsFairseq() {
    double[][] x = Npy.read(Fixtures.file("mono-16k-s16.fbank.npy")).toMatrix();
    double[][] want = Npy.read(Fixtures.file("mono-16k-s16.ucmvn.npy")).toMatrix();
    double diff = Fixtures.maxAbsDiff(UtteranceCmvn.DEFAULT.apply(x), want);
    assertTrue(diff < 1e-4, "max |diff| " + diff); // fairseq runs in float32
    double[][] meansOnly = new UtteranceCmvn(true, false).apply(x);
    assertEquals(x[5][7] - column(x, 7) / x.length, meansOnly[5][7], 1e-9);
  }

  private static double column(double[][] x, int d) {
    double s = 0;
    for (double[] r : x) {
      s += r[d];
    }
    return s;
  }

  @Test
  void globalCmvnStatsEqualCalGcmvnStats(@TempDir Path dir) {
    GlobalCmvn.Accumulator acc = new GlobalCmvn.Accumulator();
    for (String stem : new String[] {"espeak-stdout-22k", "mono-16k-f32", "mono-16k-s16", "mono-8k-s16",
        "stereo-16k-s24"}) {
      acc.add(Npy.read(Fixtures.file(stem + ".fbank.npy")).toMatrix());
    }
    GlobalCmvn mine = acc.result();
    GlobalCmvn fairseq = GlobalCmvn.load(Fixtures.file("gcmvn.npz"));
    for (int d = 0; d < 80; d++) {
      assertEquals(fairseq.mean()[d], mine.mean()[d], 1e-4, "mean " + d);
      assertEquals(fairseq.std()[d], mine.std()[d], 1e-4, "std " + d);
    }
    Path p = dir.resolve("gcmvn.npz");
    mine.save(p);
    GlobalCmvn back = GlobalCmvn.load(p);
    assertEquals((float) mine.std()[3], back.std()[3], 0);
    double[][] y = back.apply(new double[][] {back.mean().clone()});
    assertEquals(0.0, y[0][10], 0);
  }

  @Test
  void specAugmentDrawsEqualNumpys() {
    JsonNode cases = Fixtures.json("specaugment.json");
    for (JsonNode c : cases) {
      SpecAugmentConfig cfg = new SpecAugmentConfig(null, null, c.get("freq_mask_N").asInt(),
          c.get("freq_mask_F").asInt(), c.get("time_mask_N").asInt(), c.get("time_mask_T").asInt(),
          c.get("time_mask_p").asDouble(), -100.0);
      int frames = c.get("frames").asInt();
      double[][] x = new double[frames][80];
      double[][] y = new SpecAugment(cfg).apply(x, new NumpyRandom(c.get("seed").asLong()));
      boolean[][] want = new boolean[frames][80];
      for (JsonNode f : c.get("freq")) {
        for (int t = 0; t < frames; t++) {
          for (int d = f.get(1).asInt(); d < f.get(1).asInt() + f.get(0).asInt(); d++) {
            want[t][d] = true;
          }
        }
      }
      for (JsonNode tm : c.get("time")) {
        for (int t = tm.get(1).asInt(); t < tm.get(1).asInt() + tm.get(0).asInt(); t++) {
          java.util.Arrays.fill(want[t], true);
        }
      }
      for (int t = 0; t < frames; t++) {
        for (int d = 0; d < 80; d++) {
          assertEquals(want[t][d] ? -100.0 : 0.0, y[t][d], "seed " + c.get("seed") + " cell " + t + "," + d);
        }
      }
    }
  }

  @Test
  void specAugmentMasksWithTheMeanByDefaultAndLeavesTheInputAlone() {
    double[][] x = new double[50][80];
    for (int t = 0; t < 50; t++) {
      for (int d = 0; d < 80; d++) {
        x[t][d] = t + d;
      }
    }
    double[][] before = copy(x);
    double[][] y = new SpecAugment(SpecAugmentConfig.ld()).apply(x, new NumpyRandom(1));
    assertArrayEquals(before, x);
    double mean = (49 + 79) / 2.0;
    List<Integer> masked = new ArrayList<>();
    for (int d = 0; d < 80; d++) {
      if (y[0][d] == mean && x[0][d] != mean) {
        masked.add(d);
      }
    }
    assertTrue(!masked.isEmpty(), "some band is masked with the mean");
    assertThrows(LeapseqException.class, () -> new SpecAugmentConfig(null, null, 1, 0, 0, 0, 0, null));
  }

  @Test
  void timeWarpAndMasksEqualFairseqWithOpenCv() {
    double[][] x = java.util.Arrays.copyOf(Npy.read(Fixtures.file("mono-8k-s16.fbank.npy")).toMatrix(), 60);
    SpecAugmentConfig cfg = new SpecAugmentConfig(5, null, 1, 10, 1, 10, 1.0, 0.0);
    double[][] got = new SpecAugment(cfg).apply(x, new NumpyRandom(4));
    double[][] want = Npy.read(Fixtures.file("specaugment-warp.npy")).toMatrix();
    double diff = Fixtures.maxAbsDiff(got, want);
    // OpenCV interpolates float32 data with float32 weights: about 1e-5 on values near -15; a wrong draw is O(1)
    assertTrue(diff < 1e-4, "max |diff| " + diff);
  }

  @Test
  void configNamesTheTransformsOfEachSplit() {
    double[][] x = Npy.read(Fixtures.file("mono-16k-s16.fbank.npy")).toMatrix();
    S2tDataConfig cfg = new S2tDataConfig(null, null, null, null, null,
        new S2tDataConfig.GlobalCmvnStats(Fixtures.file("gcmvn.npz").toString()), null,
        java.util.Map.of("*", List.of("global_cmvn"), "_train", List.of("global_cmvn", "specaugment")),
        SpecAugmentConfig.ld(), null, null, null, null, null, null);
    FeatureTransforms train = FeatureTransforms.of(cfg, "train_st", S2tDataConfig.Split.TRAIN, new NumpyRandom(1));
    FeatureTransforms dev = FeatureTransforms.of(cfg, "dev_st", S2tDataConfig.Split.EVAL, new NumpyRandom(1));
    assertEquals(List.of("global_cmvn", "specaugment"), train.names());
    double[][] g = GlobalCmvn.load(Fixtures.file("gcmvn.npz")).apply(x);
    assertArrayEquals(g[17], dev.apply(x)[17]);
    double[][] want = new SpecAugment(SpecAugmentConfig.ld()).apply(g, new NumpyRandom(1));
    double[][] got = train.apply(x);
    for (int t = 0; t < x.length; t++) {
      assertArrayEquals(want[t], got[t], "frame " + t);
    }
  }

  @Test
  void utteranceCmvnOptionsComeFromItsSection() throws java.io.IOException {
    Path yaml = java.nio.file.Files.createTempFile("config", ".yaml");
    java.nio.file.Files.writeString(yaml, "transforms:\n  '*': [utterance_cmvn]\nutterance_cmvn:\n  norm_vars: false\n");
    S2tDataConfig cfg = S2tDataConfig.read(yaml);
    java.nio.file.Files.delete(yaml);
    assertEquals(new UtteranceCmvn(true, false), cfg.utteranceCmvn().transform());
    double[][] x = {{1, 2}, {3, 6}};
    assertArrayEquals(new double[] {-1, -2}, FeatureTransforms.of(cfg, "dev", S2tDataConfig.Split.EVAL, null)
        .apply(x)[0]);
  }

  @Test
  void timeWarpKeepsTheFrameCountAndTheEnds() {
    double[][] x = new double[40][2];
    for (int t = 0; t < 40; t++) {
      x[t][0] = t;
      x[t][1] = -t;
    }
    double[][] y = TimeWarp.warp(x, 20, 4);
    assertEquals(40, y.length);
    assertEquals(0.0, y[0][0], 0);
    // rows [20, 40) squeezed to 16: the last samples source 15.5 * 1.25 - 0.5 = 18.875, between rows 38 and 39
    assertEquals(38.875, y[39][0], 1e-12);
    // rows [0, 20) stretched to 24: destination 23 samples source (23.5 * 20/24 - 0.5) = 19.083 -> clamped to 19
    assertEquals(19.0, y[23][0], 1e-12);
    assertEquals((12 + 0.5) * 20 / 24.0 - 0.5, y[12][0], 1e-12);
  }

  private static double[][] copy(double[][] x) {
    double[][] c = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }
}
