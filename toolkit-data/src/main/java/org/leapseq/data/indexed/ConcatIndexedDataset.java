// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.leapseq.core.LeapseqException;

/** Shards read as one dataset, in order, like fairseq's {@code ConcatDataset} with ratio 1. */
final class ConcatIndexedDataset implements IndexedDataset {
  private final Path prefix;
  private final List<IndexedDataset> parts;
  private final int[] offsets;

  /** Takes ownership of {@code parts}; {@link #close()} closes them. */
  ConcatIndexedDataset(Path prefix, List<IndexedDataset> parts) {
    this.prefix = prefix;
    this.parts = List.copyOf(parts);
    this.offsets = new int[parts.size() + 1];
    for (int k = 0; k < parts.size(); k++) {
      long next = (long) offsets[k] + parts.get(k).size();
      if (next > Integer.MAX_VALUE) {
        throw LeapseqException.of("%s: shards hold more than %d items together", prefix, Integer.MAX_VALUE);
      }
      offsets[k + 1] = (int) next;
    }
  }

  /** The shards, in order. */
  List<IndexedDataset> parts() {
    return parts;
  }

  @Override
  public int size() {
    return offsets[parts.size()];
  }

  @Override
  public int itemLength(int i) {
    int k = part(i);
    return parts.get(k).itemLength(i - offsets[k]);
  }

  @Override
  public int[] sizes() {
    int[] out = new int[size()];
    for (int k = 0; k < parts.size(); k++) {
      int[] s = parts.get(k).sizes();
      System.arraycopy(s, 0, out, offsets[k], s.length);
    }
    return out;
  }

  @Override
  public long[] get(int i) {
    int k = part(i);
    return parts.get(k).get(i - offsets[k]);
  }

  @Override
  public long totalTokens() {
    long total = 0;
    for (IndexedDataset d : parts) {
      total += d.totalTokens();
    }
    return total;
  }

  @Override
  public Path path() {
    return prefix;
  }

  @Override
  public void close() {
    for (IndexedDataset d : parts) {
      d.close();
    }
  }

  private int part(int i) {
    Objects.checkIndex(i, size());
    int k = Arrays.binarySearch(offsets, i);
    if (k >= 0) {
      while (offsets[k + 1] == i) {
        k++;
      }
      return k;
    }
    return -k - 2;
  }
}
