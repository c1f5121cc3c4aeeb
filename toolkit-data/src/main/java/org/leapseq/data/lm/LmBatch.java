// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import java.util.Arrays;
import java.util.List;

/**
 * A collated language-model batch, fairseq's {@code monolingual_dataset.collate} with {@code left_pad=False}:
 * {@code source} and {@code target} are row-major {@code [B, W]} id matrices, right-padded with {@code pad}.
 * The arrays are not copied, so record equality compares them by identity.
 *
 * @param ids the item (block) ids, {@code [B]}
 * @param width W, the longest item's length
 * @param source the inputs {@code [B, W]}, fairseq's {@code net_input.src_tokens}
 * @param srcLengths each row's unpadded length, {@code [B]}
 * @param target the next-token targets {@code [B, W]}
 * @param ntokens fairseq's {@code ntokens}: the sum of the source lengths, which for the {@code future} target is
 *     also the number of non-pad target positions
 */
public record LmBatch(int[] ids, int width, int[] source, int[] srcLengths, int[] target, int ntokens) {
  /** B, the number of rows. */
  public int batchSize() {
    return ids.length;
  }

  /** Source row {@code b}, padding included. */
  public int[] sourceRow(int b) {
    return Arrays.copyOfRange(source, b * width, (b + 1) * width);
  }

  /** Target row {@code b}, padding included. */
  public int[] targetRow(int b) {
    return Arrays.copyOfRange(target, b * width, (b + 1) * width);
  }

  /** Collates {@code items} in order, right-padding with {@code pad}. */
  public static LmBatch collate(List<LmItem> items, int pad) {
    int b = items.size();
    int w = items.stream().mapToInt(LmItem::length).max().orElse(0);
    int[] ids = new int[b];
    int[] lengths = new int[b];
    int[] source = new int[b * w];
    int[] target = new int[b * w];
    Arrays.fill(source, pad);
    Arrays.fill(target, pad);
    int ntokens = 0;
    for (int r = 0; r < b; r++) {
      LmItem it = items.get(r);
      ids[r] = it.id();
      lengths[r] = it.source().length;
      System.arraycopy(it.source(), 0, source, r * w, it.source().length);
      System.arraycopy(it.target(), 0, target, r * w, it.target().length);
      ntokens += it.source().length;
    }
    return new LmBatch(ids, w, source, lengths, target, ntokens);
  }
}
