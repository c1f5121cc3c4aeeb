// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.spm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a SentencePiece model with the official trainer, the {@code spm_train} program of the Debian package
 * {@code sentencepiece}, run as a child process. Flags pass through as {@code --name=value} (fairseq's
 * {@code scripts/spm_train.py} does the same with the Python trainer); a dash inside a flag name is read as an
 * underscore ({@code --vocab-size} is {@code --vocab_size}). Flags not given take gen_vocab's values:
 * {@code --character_coverage=1.0 --bos_id=0 --pad_id=1 --eos_id=2 --unk_id=3}.
 *
 * <pre>{@code
 * Path prefix = SpmTrainer.train(List.of("--input=train.es", "--model_prefix=spm_unigram1000", "--vocab_size=1000"));
 * }</pre>
 */
public final class SpmTrainer {
  private static final Logger log = LoggerFactory.getLogger(SpmTrainer.class);
  private static final String PROGRAM = "spm_train";
  private static final Map<String, String> FAIRSEQ_DEFAULTS = defaults();

  private SpmTrainer() {}

  /**
   * Runs {@code spm_train} with {@code flags} plus the defaults above and returns the model prefix; the model is
   * {@code <prefix>.model}, the vocabulary {@code <prefix>.vocab}.
   *
   * @throws LeapseqException when spm_train is missing, a flag is malformed, or training fails (with spm's last
   *     error line)
   */
  public static Path train(List<String> flags) {
    Map<String, String> all = withDefaults(flags);
    String prefix = all.get("model_prefix");
    if (prefix == null || all.get("input") == null) {
      throw LeapseqException.of("spm_train needs --input=FILE[,FILE...] and --model_prefix=PREFIX");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(findProgram());
    all.forEach((k, v) -> cmd.add("--" + k + "=" + v));
    log.info("spm_train command={}", String.join(" ", cmd));
    run(cmd, Path.of(prefix));
    return Path.of(prefix);
  }

  /** The flags as a name-to-value map in order, names normalized, gen_vocab's defaults added where absent. */
  static Map<String, String> withDefaults(List<String> flags) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String f : flags) {
      if (!f.startsWith("--") || f.length() < 3) {
        throw LeapseqException.of("spm_train flag '%s': expected --name=value", f);
      }
      int eq = f.indexOf('=');
      String name = (eq < 0 ? f.substring(2) : f.substring(2, eq)).replace('-', '_');
      m.put(name, eq < 0 ? "true" : f.substring(eq + 1));
    }
    FAIRSEQ_DEFAULTS.forEach(m::putIfAbsent);
    return m;
  }

  private static void run(List<String> cmd, Path prefix) {
    Path logFile;
    try {
      Path dir = prefix.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      logFile = Files.createTempFile(dir, ".spm_train.", ".log");
    } catch (IOException e) {
      throw new LeapseqException(prefix + ": cannot create the output directory: " + IoErrors.describe(e), e);
    }
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
      int status = p.waitFor();
      if (status != 0) {
        throw LeapseqException.of("spm_train failed (exit %d) for %s: %s", status, prefix, lastLine(logFile));
      }
    } catch (IOException e) {
      throw new LeapseqException("cannot run spm_train: " + IoErrors.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LeapseqException("interrupted while spm_train ran for " + prefix, e);
    } finally {
      try {
        Files.deleteIfExists(logFile);
      } catch (IOException e) {
        log.warn("cannot delete {}: {}", logFile, IoErrors.describe(e));
      }
    }
  }

  private static String lastLine(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i).strip();
        // spm_train ends a failed check with a generic line; the reason is on the line before it
        if (!line.isEmpty() && !line.startsWith("Program terminated with an unrecoverable error")) {
          return line;
        }
      }
      return "(no output)";
    } catch (IOException e) {
      return "(its output is unreadable: " + IoErrors.describe(e) + ")";
    }
  }

  /** The path of spm_train on {@code PATH}, or a one-line error saying how to install it. */
  static String findProgram() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, PROGRAM);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    throw LeapseqException.of("spm_train not found on PATH (install the official trainer: apt-get install -y sentencepiece)");
  }

  private static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("character_coverage", "1.0");
    m.put("bos_id", "0");
    m.put("pad_id", "1");
    m.put("eos_id", "2");
    m.put("unk_id", "3");
    return Collections.unmodifiableMap(m);
  }
}
