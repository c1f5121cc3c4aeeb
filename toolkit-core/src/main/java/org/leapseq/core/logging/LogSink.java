// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Where log lines go and which pass. The level comes from {@code -Dleapseq.log.level} (default INFO);
 * loggers outside {@code org.leapseq} pass only WARN and above, which silences ND4J's start-up chatter
 * (DJL's GPU probe only ERROR). The
 * console stream is stderr until a command points it at stdout, as fairseq's tools do.
 */
public final class LogSink implements ILoggerFactory {
  private static final LogSink INSTANCE = new LogSink();
  /** DJL's GPU probe warns on every machine with a CUDA runtime but no driver, even for CPU-only SentencePiece. */
  private static final String DJL_CUDA = "ai.djl.util.cuda";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final List<OutputStream> files = new CopyOnWriteArrayList<>();
  private volatile PrintStream console = System.err;
  private volatile Level level = parse(System.getProperty("leapseq.log.level", "info"));

  private LogSink() {}

  public static LogSink get() {
    return INSTANCE;
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> new FairseqLogger(n, this));
  }

  /** Sends console lines to {@code stream} (the CLI uses stdout). */
  public void setConsole(PrintStream stream) {
    this.console = stream;
  }

  /** Sets the level for Leapseq's own loggers. */
  public void setLevel(Level level) {
    this.level = level;
  }

  /** A copy of the log into a file, until closed. */
  public interface FileCopy extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Appends every message (without timestamp and level, as fairseq's file handlers do) to {@code file} until the
   * returned handle is closed.
   */
  public FileCopy copyTo(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    files.add(out);
    return () -> {
      files.remove(out);
      try {
        out.close();
      } catch (IOException ignored) {
        // a log copy that cannot be closed is not worth failing the command for
      }
    };
  }

  /** Parses "debug", "info", "warn", "error" (case-insensitive). */
  public static Level parse(String name) {
    return Level.valueOf(name.trim().toUpperCase(Locale.ROOT).replace("WARNING", "WARN"));
  }

  boolean enabled(String name, Level l) {
    Level threshold = isOwn(name) ? level : maxOf(level, name.startsWith(DJL_CUDA) ? Level.ERROR : Level.WARN);
    return l.toInt() >= threshold.toInt();
  }

  void write(String name, Level l, String message, Throwable t) {
    String shortName = name.startsWith("org.leapseq.") ? name.substring(4) : name;
    String line = LocalDateTime.now().format(TIME) + " | " + l + " | " + shortName + " | " + message;
    synchronized (this) {
      console.println(line);
      if (t != null && level == Level.DEBUG) {
        t.printStackTrace(console);
      }
      console.flush();
      // as fairseq's logging.FileHandler without a formatter: the message alone
      byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
      for (OutputStream f : files) {
        try {
          f.write(bytes);
          f.flush();
        } catch (IOException ignored) {
          // keep logging to the console when a log file becomes unwritable
        }
      }
    }
  }

  /**
   * Leapseq's loggers: {@code org.leapseq.*}, fairseq's names ({@code fairseq_cli.train}, {@code fairseq.trainer})
   * and the undotted tags progress bars log under ({@code train_inner}, {@code train}, {@code valid}).
   */
  private static boolean isOwn(String name) {
    return name.startsWith("org.leapseq") || name.startsWith("fairseq") || name.indexOf('.') < 0;
  }

  private static Level maxOf(Level a, Level b) {
    return a.toInt() >= b.toInt() ? a : b;
  }
}
