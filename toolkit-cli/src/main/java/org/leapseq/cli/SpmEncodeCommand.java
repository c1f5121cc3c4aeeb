// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.leapseq.core.AtomicOutput;
import org.leapseq.data.spm.SentencePieceModel;
import org.leapseq.data.text.PyWhitespace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toolkit-spm encode}, as fairseq's {@code scripts/spm_encode.py}: the inputs are read line by line in
 * parallel; each line is stripped and encoded, and a line tuple is written only when no line of it is empty or
 * filtered by {@code --min-len/--max-len} (counted in pieces or ids). Counts go to stderr.
 */
@Command(name = "encode", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = "Encode text with a SentencePiece model, as fairseq's scripts/spm_encode.py.")
final class SpmEncodeCommand implements Callable<Integer> {
  enum Format { piece, id }

  private final SpmCommand.Stdio io;

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "the SentencePiece .model")
  Path model;

  @Option(names = "--inputs", arity = "1..*", paramLabel = "FILE", defaultValue = "-",
      description = "input files, '-' for stdin (default: -)")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--outputs", arity = "1..*", paramLabel = "FILE", defaultValue = "-",
      description = "output files, '-' for stdout, one per input (default: -)")
  List<String> outputs = new ArrayList<>();

  @Option(names = {"--output-format", "--output_format"}, defaultValue = "piece", paramLabel = "piece|id",
      description = "pieces or ids (default: piece)")
  Format format;

  @Option(names = "--min-len", paramLabel = "N", description = "drop line tuples with a line of fewer than N tokens")
  Integer minLen;

  @Option(names = "--max-len", paramLabel = "N", description = "drop line tuples with a line of more than N tokens")
  Integer maxLen;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  SpmEncodeCommand() {
    this(SpmCommand.Stdio.system());
  }

  SpmEncodeCommand(SpmCommand.Stdio io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    if (inputs.size() != outputs.size()) {
      throw Cli.usage(spec.commandLine(), "number of --inputs (" + inputs.size() + ") and --outputs ("
          + outputs.size() + ") should match");
    }
    List<BufferedReader> readers = new ArrayList<>();
    List<AtomicOutput> files = new ArrayList<>();
    try (SentencePieceModel spm = SentencePieceModel.load(model)) {
      List<OutputStream> outs = new ArrayList<>();
      for (String in : inputs) {
        readers.add(SpmCommand.reader(in, io));
      }
      for (String out : outputs) {
        if (out.equals("-")) {
          outs.add(io.out());
        } else {
          AtomicOutput f = AtomicOutput.create(Path.of(out));
          files.add(f);
          outs.add(f.stream());
        }
      }
      long[] counts = encodeAll(spm, readers, outs);
      io.out().flush();
      for (AtomicOutput f : files) {
        f.commit();
      }
      spec.commandLine().getErr().println("skipped " + counts[0] + " empty lines");
      spec.commandLine().getErr().println("filtered " + counts[1] + " lines");
    } finally {
      for (BufferedReader r : readers) {
        r.close();
      }
      for (AtomicOutput f : files) {
        f.close();
      }
    }
    return 0;
  }

  /** Returns {empty, filtered}. */
  private long[] encodeAll(SentencePieceModel spm, List<BufferedReader> readers, List<OutputStream> outs) {
    long[] counts = new long[2];
    int n = readers.size();
    while (true) {
      String[] encoded = new String[n];
      boolean keep = true;
      for (int k = 0; k < n; k++) {
        String line = SpmCommand.readLine(readers.get(k), inputs.get(k));
        if (line == null) {
          return counts;
        }
        encoded[k] = encodeLine(spm, line, counts);
        keep &= encoded[k] != null;
      }
      if (keep) {
        for (int k = 0; k < n; k++) {
          SpmCommand.writeLine(outs.get(k), encoded[k], outputs.get(k));
        }
      }
    }
  }

  private String encodeLine(SentencePieceModel spm, String raw, long[] counts) {
    String line = PyWhitespace.strip(raw);
    if (line.isEmpty()) {
      counts[0]++;
      return null;
    }
    List<String> tokens = new ArrayList<>();
    if (format == Format.piece) {
      tokens.addAll(spm.encodeAsPieces(line));
    } else {
      for (int id : spm.encodeAsIds(line)) {
        tokens.add(Integer.toString(id));
      }
    }
    if ((minLen != null && tokens.size() < minLen) || (maxLen != null && tokens.size() > maxLen)) {
      counts[1]++;
      return null;
    }
    return String.join(" ", tokens);
  }
}
