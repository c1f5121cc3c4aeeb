// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class IndexedDatasetsTest {
  @TempDir Path dir;

  @Test
  void infersTheImplementationFromTheMagic() throws Exception {
    Path mmap = dir.resolve("m");
    Path legacy = dir.resolve("l");
    Path raw = dir.resolve("r.txt");
    TestFiles.mmap(mmap, 8, new long[][] {{1, 2}});
    TestFiles.legacy(legacy, 4, 4, new long[][] {{1, 2}});
    Files.writeString(raw, "hello world\n");
    assertEquals("mmap", IndexedDatasets.inferImpl(mmap));
    assertEquals("lazy", IndexedDatasets.inferImpl(legacy));
    assertEquals("raw", IndexedDatasets.inferImpl(raw));
    assertNull(IndexedDatasets.inferImpl(dir.resolve("missing")));
    assertTrue(IndexedDatasets.exists(mmap));
    assertFalse(IndexedDatasets.exists(raw));
    TestFiles.write(TestFiles.idx(dir.resolve("junk")), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    TestFiles.write(TestFiles.bin(dir.resolve("junk")), new byte[0]);
    assertNull(IndexedDatasets.inferImpl(dir.resolve("junk")));
    try (IndexedDataset a = IndexedDatasets.open(mmap);
        IndexedDataset b = IndexedDatasets.open(legacy)) {
      assertInstanceOf(MmapIndexedDataset.class, a);
      assertInstanceOf(LegacyIndexedDataset.class, b);
      assertArrayEquals(a.get(0), b.get(0));
    }
    LeapseqException e = assertThrows(LeapseqException.class, () -> IndexedDatasets.open(raw));
    assertTrue(e.getMessage().contains("raw"), e.getMessage());
  }

  @Test
  void combinesShardsInOrderAcrossFormats() {
    Path train = dir.resolve("train.de-en.de");
    TestFiles.mmap(train, 8, new long[][] {{1}, {2, 2}});
    TestFiles.legacy(dir.resolve("train.de-en.de1"), 4, 4, new long[][] {});
    TestFiles.legacy(dir.resolve("train.de-en.de2"), 4, 4, new long[][] {{3, 3, 3}});
    TestFiles.mmap(dir.resolve("train.de-en.de3"), 9, new long[][] {{4}, {}, {6}});
    TestFiles.mmap(dir.resolve("train.de-en.de5"), 9, new long[][] {{99}});
    try (IndexedDataset d = IndexedDatasets.openCombined(train)) {
      assertEquals(6, d.size());
      assertEquals(train, d.path());
      assertArrayEquals(new int[] {1, 2, 3, 1, 0, 1}, d.sizes());
      assertEquals(8, d.totalTokens());
      long[][] expected = {{1}, {2, 2}, {3, 3, 3}, {4}, {}, {6}};
      for (int i = 0; i < expected.length; i++) {
        assertArrayEquals(expected[i], d.get(i), "item " + i);
        assertEquals(expected[i].length, d.itemLength(i));
      }
      assertThrows(IndexOutOfBoundsException.class, () -> d.get(6));
    }
  }

  @Test
  void singleShardIsReturnedAsIs() {
    Path valid = dir.resolve("valid");
    TestFiles.mmap(valid, 8, new long[][] {{1}});
    try (IndexedDataset d = IndexedDatasets.openCombined(valid)) {
      assertInstanceOf(MmapIndexedDataset.class, d);
    }
  }

  @Test
  void missingPrefixNamesTheExpectedFiles() {
    Path test = dir.resolve("test");
    TestFiles.mmap(dir.resolve("test1"), 8, new long[][] {{1}});
    for (LeapseqException e : new LeapseqException[] {
      assertThrows(LeapseqException.class, () -> IndexedDatasets.openCombined(test)),
      assertThrows(LeapseqException.class, () -> IndexedDatasets.open(test))
    }) {
      assertTrue(e.getMessage().contains("test.idx") && e.getMessage().contains("test.bin"), e.getMessage());
    }
  }

  @Test
  void aBrokenLaterShardFailsAndClosesTheOthers() {
    Path train = dir.resolve("train");
    TestFiles.mmap(train, 8, new long[][] {{1}});
    TestFiles.write(TestFiles.idx(dir.resolve("train1")), new byte[] {1, 2, 3});
    LeapseqException e = assertThrows(LeapseqException.class, () -> IndexedDatasets.openCombined(train));
    assertTrue(e.getMessage().contains("train1.idx"), e.getMessage());
  }

  @Test
  void concatOfEmptyShardsHasNoItems() {
    TestFiles.mmap(dir.resolve("e"), 8, new long[][] {});
    TestFiles.mmap(dir.resolve("e1"), 8, new long[][] {});
    try (IndexedDataset d = IndexedDatasets.openCombined(dir.resolve("e"))) {
      assertEquals(0, d.size());
      assertSame(ConcatIndexedDataset.class, d.getClass());
    }
  }
}
