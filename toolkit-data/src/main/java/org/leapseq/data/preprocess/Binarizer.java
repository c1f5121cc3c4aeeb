// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.data.dictionary.LineEncoder;
import org.leapseq.data.indexed.DType;
import org.leapseq.data.indexed.MmapIndexedDatasetBuilder;
import org.leapseq.data.text.TextLineReader;

/**
 * Text to an mmap {@code .bin/.idx} dataset, one item per line: the line's token ids then {@code </s>}, unknown
 * words as {@code <unk>}. With {@code workers > 1} the file is cut at line starts into byte ranges (fairseq's
 * {@code find_offsets}), each range is binarized by its own thread into a part, and the parts are merged in order,
 * so the output is byte-identical to a single worker's.
 */
public final class Binarizer {
  private Binarizer() {}

  /** Binarizes {@code input} into {@code outPrefix.bin/.idx} with the dtype fairseq picks for {@code dict}. */
  public static BinarizeSummary binarize(Path input, Dictionary dict, Path outPrefix, int workers) {
    DType dtype = DType.bestFitting(dict.size());
    long[] offsets = TextLineReader.chunkOffsets(input, workers);
    BinarizeSummary total;
    try (MmapIndexedDatasetBuilder out = new MmapIndexedDatasetBuilder(outPrefix, dtype)) {
      if (workers == 1) {
        total = binarizeRange(input, dict, offsets[0], offsets[1], out);
      } else {
        total = binarizeParallel(input, dict, offsets, outPrefix, dtype, out);
      }
      if (total.sequences() == 0) {
        throw LeapseqException.of("%s: empty corpus (no lines)", input);
      }
      out.finish();
    }
    return total;
  }

  private static BinarizeSummary binarizeParallel(
      Path input, Dictionary dict, long[] offsets, Path outPrefix, DType dtype, MmapIndexedDatasetBuilder out) {
    int parts = offsets.length - 1;
    ExecutorService pool = Executors.newFixedThreadPool(parts);
    List<Path> partPrefixes = new ArrayList<>();
    try {
      List<Future<BinarizeSummary>> results = new ArrayList<>();
      for (int k = 0; k < parts; k++) {
        Path part = outPrefix.resolveSibling(outPrefix.getFileName() + ".pt" + k);
        partPrefixes.add(part);
        long start = offsets[k];
        long end = offsets[k + 1];
        results.add(pool.submit(() -> binarizePart(input, dict, start, end, part, dtype)));
      }
      BinarizeSummary total = new BinarizeSummary(0, 0, 0);
      for (int k = 0; k < parts; k++) {
        total = total.plus(join(results.get(k)));
        out.merge(partPrefixes.get(k));
      }
      return total;
    } finally {
      pool.shutdownNow();
      partPrefixes.forEach(Binarizer::deleteDataset);
    }
  }

  private static BinarizeSummary binarizePart(
      Path input, Dictionary dict, long start, long end, Path part, DType dtype) {
    try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(part, dtype)) {
      BinarizeSummary s = binarizeRange(input, dict, start, end, b);
      b.finish();
      return s;
    }
  }

  /** Encodes the lines starting in [start, end) into {@code out}; fairseq's {@code encode_line}. */
  static BinarizeSummary binarizeRange(
      Path input, Dictionary dict, long start, long end, MmapIndexedDatasetBuilder out) {
    LineEncoder encoder = dict.encoder();
    long sequences = 0;
    long tokens = 0;
    long replaced = 0;
    try (TextLineReader lines = TextLineReader.open(input, start, end)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int n = encoder.encode(line);
        out.add(encoder.ids(), n);
        sequences++;
        tokens += n;
        replaced += encoder.replaced();
      }
    }
    return new BinarizeSummary(sequences, tokens, replaced);
  }

  private static BinarizeSummary join(Future<BinarizeSummary> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LeapseqException("interrupted while binarizing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new LeapseqException(String.valueOf(e.getCause()), e.getCause());
    }
  }

  private static void deleteDataset(Path prefix) {
    try {
      Files.deleteIfExists(prefix.resolveSibling(prefix.getFileName() + ".bin"));
      Files.deleteIfExists(prefix.resolveSibling(prefix.getFileName() + ".idx"));
    } catch (IOException ignored) {
      // parts live in the staging folder, which is removed as a whole afterwards
    }
  }
}
