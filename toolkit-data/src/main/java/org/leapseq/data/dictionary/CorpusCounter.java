// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.dictionary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.text.TextLineReader;
import org.leapseq.data.text.WordSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fairseq {@code add_file_to_dictionary}: the file is cut into {@code workers} line-aligned chunks
 * ({@link TextLineReader#chunkOffsets}), each counted by its own thread into a private table, and the tables are
 * merged in chunk order, each in code-point order of its words, exactly as fairseq merges its workers' Counters.
 */
final class CorpusCounter {
  private static final Logger log = LoggerFactory.getLogger(CorpusCounter.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private CorpusCounter() {}

  static void addFile(Dictionary d, Path file, int workers) {
    long[] offsets = TextLineReader.chunkOffsets(file, workers);
    List<Map<String, long[]>> tables =
        workers == 1 ? List.of(countChunk(file, 0, offsets[1])) : inParallel(file, offsets);
    long distinct = 0;
    for (Map<String, long[]> table : tables) {
      List<Map.Entry<String, long[]>> entries = new ArrayList<>(table.entrySet());
      entries.sort(Map.Entry.comparingByKey(CodePointOrder.INSTANCE));
      for (Map.Entry<String, long[]> e : entries) {
        d.addSymbol(e.getKey(), e.getValue()[0]);
      }
      distinct += entries.size();
    }
    log.debug("counted file={} workers={} chunk_words={}", file, workers, distinct);
  }

  private static List<Map<String, long[]>> inParallel(Path file, long[] offsets) {
    int chunks = offsets.length - 1;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            chunks,
            r -> {
              Thread t = new Thread(r, "leapseq-dict-count-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Map<String, long[]>>> futures = new ArrayList<>();
      for (int k = 0; k < chunks; k++) {
        long start = offsets[k];
        long end = offsets[k + 1];
        futures.add(pool.submit(() -> countChunk(file, start, end)));
      }
      List<Map<String, long[]>> tables = new ArrayList<>();
      for (Future<Map<String, long[]>> f : futures) {
        tables.add(await(f));
      }
      return tables;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LeapseqException("interrupted while counting words", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Counts the tokens of the lines starting in {@code [start, end)}, plus one {@code </s>} per line. */
  static Map<String, long[]> countChunk(Path file, long start, long end) {
    Map<String, long[]> table = new HashMap<>();
    WordSplitter words = new WordSplitter();
    long lines = 0;
    try (TextLineReader r = TextLineReader.open(file, start, end)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines++;
        int n = words.split(line);
        for (int i = 0; i < n; i++) {
          long[] c = table.get(words.word(i));
          if (c == null) {
            table.put(words.word(i), new long[] {1});
          } else {
            c[0]++;
          }
        }
      }
    }
    if (lines > 0) {
      table.computeIfAbsent(Dictionary.EOS_WORD, w -> new long[1])[0] += lines;
    }
    return table;
  }
}
