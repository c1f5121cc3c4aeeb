// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.logging.LogSink;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.event.Level;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Runs a picocli command with Leapseq's conventions: log lines on stdout in fairseq's format, a user error is one
 * line on stderr and exit 1, a usage error is one line plus a pointer to {@code --help} and exit 2, and stack
 * traces appear only with {@code --debug}.
 */
public final class Cli {
  /** Exit status for bad input, unwritable output and other errors. */
  public static final int EXIT_ERROR = 1;
  /** Exit status for bad flags. */
  public static final int EXIT_USAGE = 2;

  private Cli() {}

  /** Runs {@code command} and exits the JVM with its status. */
  public static void main(Object command, String[] args) {
    System.exit(execute(command, System.out, System.err, args));
  }

  /** Runs {@code command} with the given streams and returns the exit status. */
  public static int execute(Object command, PrintStream out, PrintStream err, String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    LogSink.get().setConsole(out);
    LogSink.get().setLevel(debug ? Level.DEBUG : Level.INFO);
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setOverwrittenOptionsAllowed(true); // argparse semantics: a repeated flag takes its last value
    cl.setParameterExceptionHandler(usageHandler());
    cl.setExecutionExceptionHandler(errorHandler(debug));
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.println(cl.getCommandName() + ": error: out of memory; raise LEAPSEQ_HEAP / LEAPSEQ_NATIVE_MEM (see README)");
      return EXIT_ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** {@code --dtype}: float32 or float64 (null stays null: the caller's default); anything else is an error. */
  public static DataType dtype(String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "float32" -> DataType.FLOAT;
      case "float64" -> DataType.DOUBLE;
      default -> throw new LeapseqException("--dtype must be float32 or float64, got " + value);
    };
  }

  /** A usage error raised by a command after parsing (for example by a config record's validation). */
  public static ParameterException usage(CommandLine cl, String message) {
    return new ParameterException(cl, message);
  }

  private static IParameterExceptionHandler usageHandler() {
    return (ex, args) -> {
      CommandLine cl = ex.getCommandLine();
      String name = cl.getCommandName();
      cl.getErr().println(name + ": error: " + oneLine(ex.getMessage()));
      cl.getErr().println("Try '" + name + " --help' for the list of options.");
      return EXIT_USAGE;
    };
  }

  private static IExecutionExceptionHandler errorHandler(boolean debug) {
    return (ex, cl, parseResult) -> {
      String name = cl.getCommandName();
      if (ex instanceof ParameterException pe) {
        return usageHandler().handleParseException(pe, new String[0]);
      }
      if (ex instanceof LeapseqException) {
        cl.getErr().println(name + ": error: " + oneLine(ex.getMessage()));
      } else {
        cl.getErr().println(name + ": internal error: " + oneLine(String.valueOf(ex))
            + (debug ? "" : " (run with --debug for the stack trace)"));
      }
      if (debug) {
        ex.printStackTrace(cl.getErr());
      }
      return EXIT_ERROR;
    };
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').strip();
  }
}
