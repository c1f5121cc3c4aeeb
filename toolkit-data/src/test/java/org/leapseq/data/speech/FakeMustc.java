// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.leapseq.data.audio.Fixtures;

/**
 * A tiny MuST-C layout built from the committed espeak-ng WAVs: {@code en-de/data/train} has talk1 (mono 16 kHz,
 * 1.30 s) with three segments listed out of order (offsets "0.9", "00.5", "0.1": sorted as strings, as fairseq's
 * BaseLoader YAML does, that is 0.1, 0.9, 00.5) and talk2 (float32, one segment with an empty German line);
 * {@code dev} has talk3 (stereo 24-bit). The 0.01 s segment gives 0 frames.
 */
final class FakeMustc {
  static final List<String> TRAIN_EN = List.of("the second", "  the third  ", "too short", "float talk");
  static final List<String> TRAIN_DE = List.of("das zweite", "das dritte", "zu kurz", "");

  private FakeMustc() {}

  static Path build(Path root) {
    try {
      Path train = root.resolve("en-de/data/train");
      wav(train, "talk1.wav", "mono-16k-s16.wav");
      wav(train, "talk2.wav", "mono-16k-f32.wav");
      text(train, "train.yaml", List.of(
          "- {duration: 0.400000, offset: 0.9, rW: 5, uW: 0, speaker_id: spk.1, wav: talk1.wav}",
          "- {duration: 0.500000, offset: 00.5, rW: 5, uW: 0, speaker_id: spk.1, wav: talk1.wav}",
          "- {duration: 0.010000, offset: 0.1, rW: 1, uW: 0, speaker_id: spk.1, wav: talk1.wav}",
          "- {duration: 0.700000, offset: 0.000000, rW: 2, uW: 0, speaker_id: spk.2, wav: talk2.wav}"));
      text(train, "train.en", TRAIN_EN);
      text(train, "train.de", TRAIN_DE);
      Path dev = root.resolve("en-de/data/dev");
      wav(dev, "talk3.wav", "stereo-16k-s24.wav");
      text(dev, "dev.yaml", List.of("- {duration: 0.3, offset: 0.05, speaker_id: spk.3, wav: talk3.wav}"));
      text(dev, "dev.en", List.of("stereo"));
      text(dev, "dev.de", List.of("Stereo"));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void wav(Path split, String name, String fixture) throws IOException {
    Files.createDirectories(split.resolve("wav"));
    Files.copy(Fixtures.file(fixture), split.resolve("wav").resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  static void text(Path split, String name, List<String> lines) throws IOException {
    Files.createDirectories(split.resolve("txt"));
    Files.writeString(split.resolve("txt").resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  /** Whether Debian's spm_train is on PATH (the vocabulary steps need it). */
  static boolean hasSpmTrain() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "spm_train");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return true;
      }
    }
    return false;
  }
}
