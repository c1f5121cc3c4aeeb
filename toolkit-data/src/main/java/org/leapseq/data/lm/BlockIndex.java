// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import java.util.Arrays;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;

/**
 * fairseq's {@code token_block_utils_fast}: block slices {@code [start, end)} of the concatenated item stream
 * ({@code _get_slice_indices_fast}) and each block's first item, offset in it and last item ({@code
 * _get_block_to_dataset_index_fast}).
 */
final class BlockIndex {
  /** Interleaved {@code start0, end0, start1, end1, ...} positions in the stream. */
  final long[] slices;
  /** Interleaved {@code startItem, startOffset, endItem} per block. */
  final int[] items;

  private BlockIndex(long[] slices, int[] items) {
    this.slices = slices;
    this.items = items;
  }

  int size() {
    return slices.length / 2;
  }

  /** Blocks of items with {@code sizes}; {@code documentSepLen} is the size of a document separator item. */
  static BlockIndex of(int[] sizes, SampleBreakMode mode, int blockSize, int documentSepLen) {
    Require.that(sizes.length > 0, "cannot make token blocks from an empty dataset");
    Require.that(mode == SampleBreakMode.EOS || blockSize > 0, "tokens_per_sample must be > 0, got %d", blockSize);
    long[] slices = switch (mode) {
      case NONE -> noneSlices(sizes, blockSize);
      case COMPLETE -> completeSlices(sizes, blockSize);
      case COMPLETE_DOC -> completeDocSlices(sizes, blockSize, documentSepLen);
      case EOS -> eosSlices(sizes);
    };
    return new BlockIndex(slices, mode == SampleBreakMode.EOS ? eosItems(sizes.length) : items(sizes, slices));
  }

  private static long[] noneSlices(int[] sizes, int blockSize) {
    long total = Arrays.stream(sizes).asLongStream().sum();
    int n = Math.toIntExact((total + blockSize - 1) / blockSize);
    long[] out = new long[2 * n];
    for (int i = 0; i < n; i++) {
      out[2 * i] = (long) i * blockSize;
      out[2 * i + 1] = Math.min(out[2 * i] + blockSize, total);
    }
    return out;
  }

  private static long[] completeSlices(int[] sizes, int blockSize) {
    Slices out = new Slices();
    long tok = 0;
    long cur = 0;
    for (int sz = 0; sz < sizes.length; ) {
      if (cur + sizes[sz] <= blockSize || cur == 0) {
        cur += sizes[sz++];
      } else {
        out.add(tok, tok + cur);
        tok += cur;
        cur = 0;
      }
    }
    if (cur > 0) {
      out.add(tok, tok + cur);
    }
    return out.toArray();
  }

  private static long[] completeDocSlices(int[] sizes, int blockSize, int sepLen) {
    Slices out = new Slices();
    long tok = 0;
    long cur = 0;
    for (int sz = 0; sz < sizes.length; ) {
      if ((cur + sizes[sz] <= blockSize || cur == 0) && sizes[sz] != sepLen) {
        cur += sizes[sz++];
      } else {
        if (cur > 1) { // only keep non-empty documents
          out.add(tok, tok + cur);
        }
        tok += cur;
        cur = 0;
        if (sizes[sz] == sepLen) {
          tok += sizes[sz++];
        }
      }
    }
    if (cur > 1) {
      out.add(tok, tok + cur);
    }
    return out.toArray();
  }

  private static long[] eosSlices(int[] sizes) {
    long[] out = new long[2 * sizes.length];
    long pos = 0;
    for (int i = 0; i < sizes.length; i++) {
      out[2 * i] = pos;
      pos += sizes[i];
      out[2 * i + 1] = pos;
    }
    return out;
  }

  private static int[] eosItems(int n) {
    int[] out = new int[3 * n];
    for (int i = 0; i < n; i++) {
      out[3 * i] = i;
      out[3 * i + 2] = i;
    }
    return out;
  }

  /** DatasetSearcher's result: the item holding a block's first and last token, and the first one's offset. */
  private static int[] items(int[] sizes, long[] slices) {
    long[] itemStart = new long[sizes.length + 1];
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] == 0) {
        throw LeapseqException.of("item %d is empty; fairseq's token blocks cannot step over empty items", i);
      }
      itemStart[i + 1] = itemStart[i] + sizes[i];
    }
    int n = slices.length / 2;
    int[] out = new int[3 * n];
    for (int b = 0; b < n; b++) {
      long s = slices[2 * b];
      long e = slices[2 * b + 1];
      int first = itemAt(itemStart, s);
      out[3 * b] = first;
      out[3 * b + 1] = Math.toIntExact(s - itemStart[first]);
      out[3 * b + 2] = e <= s ? first : itemAt(itemStart, e - 1);
    }
    return out;
  }

  /** The item whose tokens include stream position {@code pos}. */
  private static int itemAt(long[] itemStart, long pos) {
    int k = Arrays.binarySearch(itemStart, pos);
    return k >= 0 ? k : -k - 2;
  }

  /** A growable list of {@code (start, end)} pairs. */
  private static final class Slices {
    private long[] a = new long[64];
    private int n;

    void add(long start, long end) {
      if (n + 2 > a.length) {
        a = Arrays.copyOf(a, 2 * a.length);
      }
      a[n++] = start;
      a[n++] = end;
    }

    long[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
