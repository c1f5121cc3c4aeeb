// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import org.leapseq.data.indexed.IndexedDataset;

/**
 * fairseq's {@code TokenBlockDataset} with {@code include_targets=True}: the items of a dataset, read as one
 * token stream, cut into blocks by a {@link SampleBreakMode}. A block's target is its slice of the stream; its
 * source is the same slice shifted right by one, where the token before a block that starts an item is {@code
 * eos} (not the previous item's last token, which is also {@code </s>} for preprocessed data). Reads are
 * delegated to the dataset, which stays owned by the caller.
 */
public final class TokenBlocks {
  /** fairseq's {@code document_sep_len}: the size of the empty-line item that separates documents. */
  public static final int DOCUMENT_SEP_LEN = 1;

  private final IndexedDataset dataset;
  private final BlockIndex index;
  private final int eos;

  private TokenBlocks(IndexedDataset dataset, BlockIndex index, int eos) {
    this.dataset = dataset;
    this.index = index;
    this.eos = eos;
  }

  /**
   * Blocks of {@code ds} as fairseq's {@code TokenBlockDataset(ds, ds.sizes, blockSize, pad, eos, mode)}; {@code
   * blockSize} is ignored for {@link SampleBreakMode#EOS}.
   */
  public static TokenBlocks of(IndexedDataset ds, SampleBreakMode mode, int blockSize, int eos) {
    return new TokenBlocks(ds, BlockIndex.of(ds.sizes(), mode, blockSize, DOCUMENT_SEP_LEN), eos);
  }

  /** The number of blocks. */
  public int size() {
    return index.size();
  }

  /** Block {@code i}'s first stream position. */
  public long start(int i) {
    return index.slices[2 * i];
  }

  /** Block {@code i}'s end stream position (exclusive). */
  public long end(int i) {
    return index.slices[2 * i + 1];
  }

  /** Block {@code i}'s length. */
  public int length(int i) {
    return Math.toIntExact(end(i) - start(i));
  }

  /** Every block's length, fairseq's {@code sizes} (what {@code --max-tokens} counts). */
  public int[] sizes() {
    int[] out = new int[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = length(i);
    }
    return out;
  }

  /** The item holding block {@code i}'s first token. */
  public int startItem(int i) {
    return index.items[3 * i];
  }

  /** The offset of block {@code i}'s first token in {@link #startItem}. */
  public int startOffset(int i) {
    return index.items[3 * i + 1];
  }

  /** The item holding block {@code i}'s last token. */
  public int endItem(int i) {
    return index.items[3 * i + 2];
  }

  /** Block {@code i} as fairseq's {@code (source, item)} pair, reading only its items. */
  public LmItem read(int i) {
    int first = startItem(i);
    int last = endItem(i);
    int total = 0;
    for (int k = first; k <= last; k++) {
      total += dataset.itemLength(k);
    }
    int[] buffer = new int[total];
    int at = 0;
    for (int k = first; k <= last; k++) {
      int[] ids = dataset.getInts(k);
      System.arraycopy(ids, 0, buffer, at, ids.length);
      at += ids.length;
    }
    int s = startOffset(i);
    int n = length(i);
    int[] target = new int[n];
    System.arraycopy(buffer, s, target, 0, n);
    int[] source = new int[n];
    if (s == 0) {
      if (n > 0) {
        source[0] = eos;
        System.arraycopy(buffer, 0, source, 1, n - 1);
      }
    } else {
      System.arraycopy(buffer, s - 1, source, 0, n);
    }
    return new LmItem(i, source, target);
  }
}
