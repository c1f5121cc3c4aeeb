// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import picocli.CommandLine.Command;

/**
 * {@code toolkit-spm train|encode|decode}: fairseq's {@code scripts/spm_train.py}, {@code spm_encode.py} and
 * {@code spm_decode.py}. Training runs the official {@code spm_train}; encoding and decoding use the official
 * library through JNI, so the output equals the Python scripts' for the same model.
 */
@Command(
    name = "toolkit-spm",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    subcommands = {SpmTrainCommand.class, SpmEncodeCommand.class, SpmDecodeCommand.class},
    description = {
      "Train, apply and invert SentencePiece models as fairseq's scripts/spm_{train,encode,decode}.py do.",
      "Example: toolkit-spm train --input=train.es --model_prefix=spm_unigram1000 --vocab_size=1000",
      "         toolkit-spm encode --model spm_unigram1000.model --output-format piece < train.es > train.spm.es"
    })
public final class SpmCommand implements Runnable {
  /** Where "-" reads and writes; the JVM's streams except in tests. */
  record Stdio(InputStream in, PrintStream out) {
    static Stdio system() {
      return new Stdio(System.in, System.out);
    }
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "missing command: train, encode or decode");
  }

  /** Strict UTF-8 lines of a file, or of standard input for "-". */
  static BufferedReader reader(String name, Stdio io) {
    if (name.equals("-")) {
      var dec = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
      return new BufferedReader(new InputStreamReader(io.in(), dec), 1 << 16);
    }
    try {
      return Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LeapseqException(name + ": cannot read: " + IoErrors.describe(e), e);
    }
  }

  /** The next line, or null at the end; a one-line error naming the input otherwise. */
  static String readLine(BufferedReader r, String name) {
    try {
      return r.readLine();
    } catch (CharacterCodingException e) {
      throw new LeapseqException((name.equals("-") ? "<stdin>" : name) + ": not valid UTF-8", e);
    } catch (IOException e) {
      throw new LeapseqException(name + ": cannot read: " + IoErrors.describe(e), e);
    }
  }

  /** Writes {@code line} and a newline as UTF-8. */
  static void writeLine(OutputStream out, String line, String name) {
    try {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (IOException e) {
      throw new LeapseqException(name + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  public static void main(String[] args) {
    Cli.main(new SpmCommand(), args);
  }
}
