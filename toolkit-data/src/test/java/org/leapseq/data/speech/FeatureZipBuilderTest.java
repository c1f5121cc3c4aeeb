// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.audio.FbankConfig;
import org.leapseq.data.audio.KaldiFbank;
import org.leapseq.data.audio.WavReader;
import org.leapseq.data.npy.NpyArray;
import org.leapseq.data.npy.NpyType;

class FeatureZipBuilderTest {
  @TempDir Path dir;

  private List<S2tSplit> splits() {
    Path root = FakeMustc.build(dir.resolve("mustc"));
    return List.of(MustcCorpus.read(root, "en", "de", "train"), MustcCorpus.read(root, "en", "de", "dev"));
  }

  /** fairseq's float32 features of {@code s}, computed directly. */
  private static double[][] direct(SpeechSegment s) {
    double[][] x = KaldiFbank.compute(WavReader.read(s.wav(), s.start(), s.frames()), FbankConfig.fairseq());
    for (double[] row : x) {
      for (int d = 0; d < row.length; d++) {
        row[d] = (float) row[d];
      }
    }
    return x;
  }

  @Test
  void zipSlicesReadBackAsTheDirectFbankInInputOrder() throws IOException {
    List<S2tSplit> splits = splits();
    Path zip = dir.resolve("fbank80.zip");
    FeatureZipBuilder.Result r = new FeatureZipBuilder(FbankConfig.fairseq(), 0, 3).build(splits, zip, 0);
    List<String> ids = new ArrayList<>();
    for (S2tSplit split : splits) {
      for (SpeechSegment s : split.segments()) {
        ids.add(s.id() + ".npy");
        FeatureZipBuilder.Stored st = r.stored().get(s.id());
        assertEquals(zip.toAbsolutePath(), st.path().file());
        NpyArray a = FeatureStore.read(AudioPath.parse(st.path().format(null), dir));
        assertEquals(NpyType.FLOAT32, a.type());
        double[][] want = direct(s);
        assertEquals(want.length, st.frames());
        assertArrayEquals(new int[] {want.length, 80}, a.shape());
        if (want.length > 0) {
          assertArrayEquals(want[want.length - 1], a.toMatrix()[want.length - 1], 0.0);
          assertArrayEquals(want[0], a.toMatrix()[0], 0.0);
        }
      }
    }
    assertEquals(List.of(38, 48), List.of(r.stored().get("talk1_1").frames(), r.stored().get("talk1_2").frames()));
    assertEquals(0, r.stored().get("talk1_0").frames());
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertEquals(ids, Collections.list(z.entries()).stream().map(ZipEntry::getName).toList());
      for (ZipEntry e : Collections.list(z.entries())) {
        assertEquals(ZipEntry.STORED, e.getMethod());
      }
    }
    assertEquals(null, r.gcmvn());
  }

  @Test
  void oneWorkerAndManyGiveTheSameBytes() throws IOException {
    List<S2tSplit> splits = splits();
    new FeatureZipBuilder(FbankConfig.fairseq(), 0, 1).build(splits, dir.resolve("a.zip"), 0);
    new FeatureZipBuilder(FbankConfig.fairseq(), 0, 4).build(splits, dir.resolve("b.zip"), 0);
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.zip")), Files.readAllBytes(dir.resolve("b.zip")));
  }

  @Test
  void globalCmvnUsesTheFirstTrainingUtterancesOnly() {
    List<S2tSplit> splits = splits();
    GlobalCmvn g = new FeatureZipBuilder(FbankConfig.fairseq(), 0, 2).build(splits, dir.resolve("f.zip"), 2).gcmvn();
    // the first two training utterances: talk1_0 (no frames) and talk1_1; dev never counts
    double[][] x = direct(splits.get(0).segments().get(1));
    for (int d : new int[] {0, 17, 79}) {
      double sum = 0;
      double sq = 0;
      for (double[] row : x) {
        sum += row[d];
        sq += row[d] * row[d];
      }
      double mean = sum / x.length;
      assertEquals(mean, g.mean()[d], 1e-9);
      assertEquals(Math.sqrt(Math.max(sq / x.length - mean * mean, 1e-8)), g.std()[d], 1e-9);
    }
  }

  @Test
  void aBrokenWavFailsAndLeavesNoZip() throws IOException {
    List<S2tSplit> splits = splits();
    Path bad = splits.get(1).segments().get(0).wav();
    Files.write(bad, new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'});
    LeapseqException e = assertThrows(LeapseqException.class,
        () -> new FeatureZipBuilder(FbankConfig.fairseq(), 0, 2).build(splits, dir.resolve("f.zip"), 0));
    assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("mustc")), files.toList());
    }
  }
}
