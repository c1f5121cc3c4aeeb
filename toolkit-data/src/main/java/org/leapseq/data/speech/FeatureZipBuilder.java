// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.audio.FbankConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the fbank features of every segment with {@code workers} threads and stores them in one fairseq
 * feature zip ({@code fbank80.zip}: what {@code extract_fbank_features}, {@code create_zip} and
 * {@code get_zip_manifest} produce together). Members are written in input order whatever the threads' timing, so
 * the archive is byte-for-byte reproducible. With global CMVN the statistics of the first {@code gcmvnMaxNum}
 * training utterances are accumulated on the way ({@code cal_gcmvn_stats}).
 */
final class FeatureZipBuilder {
  private static final Logger log = LoggerFactory.getLogger(FeatureZipBuilder.class);
  private static final long LOG_EVERY_NANOS = 30_000_000_000L;

  /** Where a segment's features went and how many frames they have. */
  record Stored(AudioPath path, int frames) {}

  /** The manifest entries by utterance id, and the global CMVN statistics (null unless asked for). */
  record Result(Map<String, Stored> stored, GlobalCmvn gcmvn) {}

  private final FbankConfig config;
  private final int sampleRate;
  private final int workers;

  FeatureZipBuilder(FbankConfig config, int sampleRate, int workers) {
    this.config = config;
    this.sampleRate = sampleRate;
    this.workers = workers;
  }

  /** Writes {@code zip} atomically; {@code gcmvnMaxNum} 0 computes no statistics. */
  Result build(List<S2tSplit> splits, Path zip, int gcmvnMaxNum) {
    List<SpeechSegment> all = new ArrayList<>();
    BitSet train = new BitSet();
    for (S2tSplit s : splits) {
      if (s.isTrain()) {
        train.set(all.size(), all.size() + s.segments().size());
      }
      all.addAll(s.segments());
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "fbank");
      t.setDaemon(true);
      return t;
    });
    try {
      return write(all, train, zip, gcmvnMaxNum, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Keeps up to 4 segments per worker in flight and stores their features in input order. */
  private Result write(List<SpeechSegment> all, BitSet train, Path zip, int gcmvnMaxNum, ExecutorService pool) {
    ThreadLocal<FbankExtractor> extractors = ThreadLocal.withInitial(() -> new FbankExtractor(config, sampleRate));
    Map<String, Stored> stored = new LinkedHashMap<>();
    GlobalCmvn.Accumulator acc = new GlobalCmvn.Accumulator();
    int statsUsed = 0;
    long started = System.nanoTime();
    long lastLog = started;
    Deque<Future<FbankExtractor.Features>> window = new ArrayDeque<>();
    try (FeatureZipWriter out = FeatureZipWriter.create(zip)) {
      for (int i = 0, next = 0; i < all.size(); i++) {
        for (; next < all.size() && window.size() < 4 * workers; next++) {
          SpeechSegment s = all.get(next);
          window.add(pool.submit(() -> extractors.get().extract(s)));
        }
        FbankExtractor.Features f = await(window.poll());
        stored.put(all.get(i).id(), new Stored(out.add(all.get(i).id(), f.array()), f.frames()));
        if (train.get(i) && statsUsed < gcmvnMaxNum) {
          acc.add(f.values());
          statsUsed++;
        }
        if (System.nanoTime() - lastLog > LOG_EVERY_NANOS) {
          lastLog = System.nanoTime();
          log.info("fbank: {} of {} utterances, {} s", i + 1, all.size(), (lastLog - started) / 1_000_000_000L);
        }
      }
      out.commit();
    }
    log.info("fbank: {} utterances in {} s", all.size(), (System.nanoTime() - started) / 1_000_000_000L);
    return new Result(stored, gcmvnMaxNum > 0 ? statistics(acc, statsUsed) : null);
  }

  private static GlobalCmvn statistics(GlobalCmvn.Accumulator acc, int used) {
    if (acc.frames() == 0) {
      throw new LeapseqException("global CMVN: the training split has no feature frames (" + used
          + " utterances used)");
    }
    log.info("gcmvn: {} utterances, {} frames", used, acc.frames());
    return acc.result();
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LeapseqException("interrupted while computing features", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new LeapseqException("feature extraction failed: " + c, c);
    }
  }
}
