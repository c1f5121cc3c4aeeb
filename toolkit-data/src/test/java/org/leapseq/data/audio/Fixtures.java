// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The committed speech fixtures in {@code src/test/resources/audio}: espeak-ng utterances and their torchaudio
 * reference outputs, made by {@code leapformer-scripts/test/fixtures/make-speech-fixtures.sh}.
 */
public final class Fixtures {
  /** The WAV fixtures' stems. */
  public static final List<String> WAVS =
      List.of("espeak-stdout-22k", "mono-16k-s16", "mono-8k-s16", "stereo-16k-s24", "mono-16k-f32");

  private Fixtures() {}

  public static Path dir() {
    try {
      return Path.of(Fixtures.class.getResource("/audio/mono-16k-s16.wav").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path file(String name) {
    return dir().resolve(name);
  }

  public static JsonNode json(String name) {
    try {
      return new ObjectMapper().readTree(file(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** max |a - b| over two equal-shaped matrices; a shape mismatch fails. */
  public static double maxAbsDiff(double[][] a, double[][] b) {
    if (a.length != b.length) {
      throw new AssertionError("frames " + a.length + " != " + b.length);
    }
    double m = 0;
    for (int t = 0; t < a.length; t++) {
      if (a[t].length != b[t].length) {
        throw new AssertionError("row " + t + ": " + a[t].length + " != " + b[t].length + " values");
      }
      for (int d = 0; d < a[t].length; d++) {
        m = Math.max(m, Math.abs(a[t][d] - b[t][d]));
      }
    }
    return m;
  }
}
