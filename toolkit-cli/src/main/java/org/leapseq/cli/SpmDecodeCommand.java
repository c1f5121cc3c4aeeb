// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.spm.SentencePieceModel;
import org.leapseq.data.text.PyWhitespace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolkit-spm decode}, as fairseq's {@code scripts/spm_decode.py}: each line is right-stripped and split on
 * whitespace, then decoded from pieces or ids ({@code <<unk>>} stands for id 0, as in the script) to stdout.
 */
@Command(name = "decode", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = "Decode pieces or ids back to text, as fairseq's scripts/spm_decode.py.")
final class SpmDecodeCommand implements Callable<Integer> {
  enum Format { piece, id }

  private final SpmCommand.Stdio io;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "the SentencePiece .model")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "the file to decode, '-' for stdin")
  String input;

  @Option(names = {"--input-format", "--input_format"}, defaultValue = "piece", paramLabel = "piece|id",
      description = "pieces or ids (default: piece)")
  Format format;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  SpmDecodeCommand() {
    this(SpmCommand.Stdio.system());
  }

  SpmDecodeCommand(SpmCommand.Stdio io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    try (SentencePieceModel spm = SentencePieceModel.load(model);
        BufferedReader r = SpmCommand.reader(input, io)) {
      long lineNo = 0;
      for (String line = SpmCommand.readLine(r, input); line != null; line = SpmCommand.readLine(r, input)) {
        lineNo++;
        List<String> tokens = PyWhitespace.split(PyWhitespace.rstrip(line));
        String text = format == Format.piece ? spm.decodePieces(tokens) : spm.decodeIds(ids(tokens, lineNo));
        SpmCommand.writeLine(io.out(), text, "<stdout>");
      }
      io.out().flush();
    }
    return 0;
  }

  private int[] ids(List<String> tokens, long lineNo) {
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      String t = tokens.get(i);
      try {
        ids[i] = t.equals("<<unk>>") ? 0 : Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw LeapseqException.of("%s:%d: expected integer ids (--input-format id), got '%s'", input, lineNo, t);
      }
    }
    return ids;
  }
}
