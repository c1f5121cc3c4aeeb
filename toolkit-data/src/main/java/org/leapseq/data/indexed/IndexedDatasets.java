// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.leapseq.core.LeapseqException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening fairseq datasets by prefix, like {@code infer_dataset_impl}, {@code make_dataset} and {@code
 * load_indexed_dataset} in fairseq: the reader is chosen from the first bytes of {@code <prefix>.idx}.
 */
public final class IndexedDatasets {
  private static final Logger log = LoggerFactory.getLogger(IndexedDatasets.class);

  private IndexedDatasets() {}

  /** Whether both {@code prefix.idx} and {@code prefix.bin} exist as regular files. */
  public static boolean exists(Path prefix) {
    return Files.isRegularFile(IndexFile.withSuffix(prefix, ".idx"))
        && Files.isRegularFile(IndexFile.withSuffix(prefix, ".bin"));
  }

  /**
   * fairseq's {@code infer_dataset_impl}: {@code "raw"} if {@code prefix} itself is a regular (text) file,
   * {@code "mmap"} or {@code "lazy"} (legacy) by the magic of an existing dataset, otherwise null.
   */
  public static String inferImpl(Path prefix) {
    if (Files.isRegularFile(prefix)) {
      return "raw";
    }
    if (!exists(prefix)) {
      return null;
    }
    byte[] magic = readMagic(IndexFile.withSuffix(prefix, ".idx"));
    if (magic == null) {
      return null;
    }
    if (Arrays.equals(magic, LegacyIndexedDataset.MAGIC)) {
      return "lazy";
    }
    return Arrays.equals(magic, Arrays.copyOf(MmapIndexedDataset.MAGIC, 8)) ? "mmap" : null;
  }

  /** Opens the mmap or legacy dataset at {@code prefix}, chosen by the magic bytes of {@code prefix.idx}. */
  public static IndexedDataset open(Path prefix) {
    Path idx = IndexFile.withSuffix(prefix, ".idx");
    if (!Files.exists(idx) && Files.isRegularFile(prefix)) {
      throw LeapseqException.of("%s: a plain text file (--dataset-impl raw), not a binarized dataset; "
          + "expected %s and %s", prefix, idx, IndexFile.withSuffix(prefix, ".bin"));
    }
    if (!Files.exists(idx)) {
      throw missing(prefix);
    }
    byte[] magic = readMagic(idx);
    if (magic != null && Arrays.equals(magic, LegacyIndexedDataset.MAGIC)) {
      return LegacyIndexedDataset.open(prefix);
    }
    return MmapIndexedDataset.open(prefix);
  }

  /**
   * fairseq's {@code load_indexed_dataset(path, combine=True)}: opens {@code prefix}, then {@code prefix1},
   * {@code prefix2}, ... until a shard's {@code .idx} is missing, and reads them as one dataset (a single shard is
   * returned as is). A missing {@code prefix} is an error naming the expected files.
   */
  public static IndexedDataset openCombined(Path prefix) {
    if (!Files.exists(IndexFile.withSuffix(prefix, ".idx"))) {
      throw missing(prefix);
    }
    List<IndexedDataset> parts = new ArrayList<>();
    try {
      for (int k = 0; k == 0 || Files.exists(IndexFile.withSuffix(shard(prefix, k), ".idx")); k++) {
        IndexedDataset d = open(shard(prefix, k));
        parts.add(d);
        log.info("loaded {} examples from: {}", String.format("%,d", d.size()), d.path());
      }
      return parts.size() == 1 ? parts.get(0) : new ConcatIndexedDataset(prefix, parts);
    } catch (RuntimeException e) {
      parts.forEach(IndexedDataset::close);
      throw e;
    }
  }

  /** {@code prefix} for shard 0, else the prefix with {@code k} appended, like fairseq's {@code path + str(k)}. */
  static Path shard(Path prefix, int k) {
    return k == 0 ? prefix : IndexFile.withSuffix(prefix, Integer.toString(k));
  }

  private static LeapseqException missing(Path prefix) {
    return LeapseqException.of("%s: dataset not found: expected %s and %s", prefix,
        IndexFile.withSuffix(prefix, ".idx"), IndexFile.withSuffix(prefix, ".bin"));
  }

  /** The first 8 bytes of {@code idx}, or null if it is shorter or unreadable. */
  private static byte[] readMagic(Path idx) {
    try (InputStream in = Files.newInputStream(idx)) {
      byte[] magic = in.readNBytes(8);
      return magic.length == 8 ? magic : null;
    } catch (IOException e) {
      return null;
    }
  }
}
