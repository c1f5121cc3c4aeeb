// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.spm.FairseqSpmVocab;
import org.leapseq.data.spm.SpmTrainer;

/**
 * fairseq's {@code gen_vocab}: spm_train on the training texts (one per line) with {@code --model_type},
 * {@code --vocab_size}, {@code --character_coverage=1.0}, {@code --num_threads} and the ids {@code bos=0 pad=1
 * eos=2 unk=3}, then the fairseq dictionary {@code <prefix>.txt}. Everything is built under hidden names in the
 * output directory and renamed into place only when all three files exist. spm_train is deterministic for a given
 * input and thread count, but its pieces change with {@code --num_threads}.
 */
final class SpmVocabBuilder {
  private static final List<String> EXTENSIONS = List.of(".vocab", ".txt", ".model");

  private SpmVocabBuilder() {}

  /** Trains {@code dir/<prefixName>.{model,vocab,txt}} and returns the model's path. */
  static Path train(List<String> texts, Path dir, String prefixName, VocabType type, int vocabSize, int threads) {
    Path input = null;
    Path temp = null;
    try {
      // fixed names: spm_train records its input and prefix in the model, so reruns give identical bytes
      input = dir.resolve("." + prefixName + ".input.txt");
      try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
        for (String t : texts) {
          w.write(t);
          w.write('\n');
        }
      }
      temp = dir.resolve("." + prefixName + ".tmp");
      SpmTrainer.train(List.of("--input=" + input, "--model_prefix=" + temp, "--model_type=" + type.id(),
          "--vocab_size=" + vocabSize, "--character_coverage=1.0", "--num_threads=" + threads));
      FairseqSpmVocab.write(Path.of(temp + ".vocab"), Path.of(temp + ".txt"));
      for (String ext : EXTENSIONS) {
        move(Path.of(temp + ext), dir.resolve(prefixName + ext));
      }
      return dir.resolve(prefixName + ".model");
    } catch (IOException e) {
      throw new LeapseqException(dir + ": cannot write the vocabulary " + prefixName + ": " + IoErrors.describe(e), e);
    } finally {
      deleteQuietly(input);
      if (temp != null) {
        deleteQuietly(temp);
        for (String ext : EXTENSIONS) {
          deleteQuietly(Path.of(temp + ext));
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a hidden temporary file left behind is harmless
    }
  }
}
