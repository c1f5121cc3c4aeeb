// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.indexed.IndexedDataset;
import org.leapseq.data.indexed.IndexedDatasets;

/** Block boundaries for LmFixtures.DOCS with tokens_per_sample 4, derived by hand from token_block_utils_fast. */
class TokenBlocksTest {
  @TempDir
  Path dir;

  private final java.util.List<IndexedDataset> opened = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void closeDatasets() {
    opened.forEach(IndexedDataset::close);
  }

  @Test
  void noneCutsFixedSlicesOfTheStream() {
    // ceil(24 / 4) = 6 blocks [4i, 4i + 4). Block 1 starts at 4 = item 1 offset 1 and ends at 7 in item 3.
    TokenBlocks b = blocks(SampleBreakMode.NONE, 4);
    assertSlices(b, 0, 4, 4, 8, 8, 12, 12, 16, 16, 20, 20, 24);
    assertItems(b, 0, 0, 1, 1, 1, 3, 3, 2, 4, 4, 1, 7, 7, 1, 7, 7, 5, 8);
    // Block 0 starts an item: source starts with eos. Others take the previous stream token.
    assertBlock(b, 0, new int[] {2, 10, 11, 2}, new int[] {10, 11, 2, 12});
    assertBlock(b, 1, new int[] {12, 2, 2, 13}, new int[] {2, 2, 13, 14});
    assertBlock(b, 3, new int[] {17, 2, 2, 2}, new int[] {2, 2, 2, 18});
    assertBlock(b, 5, new int[] {22, 23, 2, 24}, new int[] {23, 2, 24, 2});
    // 24 / 5: the last block is short.
    assertSlices(blocks(SampleBreakMode.NONE, 5), 0, 5, 5, 10, 10, 15, 15, 20, 20, 24);
  }

  @Test
  void completePacksWholeSentences() {
    // cur=3 (item 0); +2 > 4 -> [0,3). Items 1+2 = 3; +5 > 4 -> [3,6). Item 3 alone (5 > 4, but cur == 0)
    // -> [6,11). Items 4+5+6 = 4; +7 -> [11,15). Item 7 alone -> [15,22). Item 8 -> [22,24).
    TokenBlocks b = blocks(SampleBreakMode.COMPLETE, 4);
    assertSlices(b, 0, 3, 3, 6, 6, 11, 11, 15, 15, 22, 22, 24);
    assertItems(b, 0, 0, 0, 1, 0, 2, 3, 0, 3, 4, 0, 6, 7, 0, 7, 8, 0, 8);
    assertArrayEquals(new int[] {3, 3, 5, 4, 7, 2}, b.sizes());
    assertBlock(b, 1, new int[] {2, 12, 2}, new int[] {12, 2, 2});
  }

  @Test
  void completeDocStopsAtEmptyLinesAndDropsThem() {
    // [0,3) as in complete. Item 1 (cur 2), then the empty item 2 ends the document: [3,5), skip position 5.
    // Item 3 alone [6,11) (item 4 would overflow). Item 4 then empty item 5: [11,13), skip 13. Empty item 6 right
    // after: nothing to emit, skip 14. Item 7 [15,22) (item 8 overflows). Item 8 [22,24).
    TokenBlocks b = blocks(SampleBreakMode.COMPLETE_DOC, 4);
    assertSlices(b, 0, 3, 3, 5, 6, 11, 11, 13, 15, 22, 22, 24);
    assertItems(b, 0, 0, 0, 1, 0, 1, 3, 0, 3, 4, 0, 4, 7, 0, 7, 8, 0, 8);
    assertBlock(b, 3, new int[] {2, 17}, new int[] {17, 2});
    // A large block still never crosses a document: [0,5), [6,13), [15,24).
    assertSlices(blocks(SampleBreakMode.COMPLETE_DOC, 100), 0, 5, 6, 13, 15, 24);
  }

  @Test
  void eosIsOneBlockPerLine() {
    TokenBlocks b = blocks(SampleBreakMode.EOS, 1);
    assertSlices(b, 0, 3, 3, 5, 5, 6, 6, 11, 11, 13, 13, 14, 14, 15, 15, 22, 22, 24);
    assertItems(b, 0, 0, 0, 1, 0, 1, 2, 0, 2, 3, 0, 3, 4, 0, 4, 5, 0, 5, 6, 0, 6, 7, 0, 7, 8, 0, 8);
    assertBlock(b, 2, new int[] {2}, new int[] {2});
  }

  @Test
  void blockStartingAnItemGetsEosEvenIfThePreviousTokenDiffers() {
    // Items without a trailing </s>: [5,6], [7,8]. With block size 2, block 1 = item 1 offset 0, so fairseq's
    // source is [eos, 7], not the previous stream token [6, 7]. With block size 3, block 1 = [3,4) is item 1
    // offset 1, so its source is the previous token of the same item: [7].
    try (IndexedDataset ds = IndexedDatasets.open(LmFixtures.write(dir.resolve("x"), new int[][] {{5, 6}, {7, 8}}))) {
      TokenBlocks two = TokenBlocks.of(ds, SampleBreakMode.NONE, 2, 2);
      assertBlock(two, 1, new int[] {2, 7}, new int[] {7, 8});
      TokenBlocks three = TokenBlocks.of(ds, SampleBreakMode.NONE, 3, 2);
      assertBlock(three, 0, new int[] {2, 5, 6}, new int[] {5, 6, 7});
      assertBlock(three, 1, new int[] {7}, new int[] {8});
    }
  }

  @Test
  void parsesFairseqNames() {
    assertEquals(SampleBreakMode.COMPLETE_DOC, SampleBreakMode.parse("complete_doc"));
    assertEquals(SampleBreakMode.NONE, SampleBreakMode.parse(null));
    assertEquals("eos", SampleBreakMode.EOS.toString());
    LeapseqException e = assertThrows(LeapseqException.class, () -> SampleBreakMode.parse("doc"));
    assertEquals("Invalid break_mode: doc (expected one of none, complete, complete_doc, eos)", e.getMessage());
  }

  @Test
  void emptyItemsAndBadBlockSizesFail() {
    assertThrows(LeapseqException.class, () -> BlockIndex.of(new int[] {2, 0, 2}, SampleBreakMode.COMPLETE, 4, 1));
    assertThrows(LeapseqException.class, () -> BlockIndex.of(new int[] {2}, SampleBreakMode.NONE, 0, 1));
    assertThrows(LeapseqException.class, () -> BlockIndex.of(new int[0], SampleBreakMode.EOS, 4, 1));
  }

  private TokenBlocks blocks(SampleBreakMode mode, int blockSize) {
    IndexedDataset ds = IndexedDatasets.open(LmFixtures.write(dir.resolve(mode + "-" + blockSize), LmFixtures.DOCS));
    opened.add(ds);
    return TokenBlocks.of(ds, mode, blockSize, 2);
  }

  private static void assertSlices(TokenBlocks b, long... startEnd) {
    long[] got = new long[2 * b.size()];
    for (int i = 0; i < b.size(); i++) {
      got[2 * i] = b.start(i);
      got[2 * i + 1] = b.end(i);
    }
    assertArrayEquals(startEnd, got);
  }

  private static void assertItems(TokenBlocks b, int... triples) {
    int[] got = new int[3 * b.size()];
    for (int i = 0; i < b.size(); i++) {
      got[3 * i] = b.startItem(i);
      got[3 * i + 1] = b.startOffset(i);
      got[3 * i + 2] = b.endItem(i);
    }
    assertArrayEquals(triples, got);
  }

  private static void assertBlock(TokenBlocks b, int i, int[] source, int[] target) {
    LmItem item = b.read(i);
    assertArrayEquals(source, item.source(), "source of block " + i);
    assertArrayEquals(target, item.target(), "target of block " + i);
  }
}
