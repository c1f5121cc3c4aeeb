// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class MmapIndexedDatasetBuilderTest {
  private static final String EXAMPLE_IDX =
      "4d4d4944494458 0000 0100000000000000 08 0300000000000000 04000000 03000000 04000000"
          + " 0000000000000000 0800000000000000 0e00000000000000";
  private static final String EXAMPLE_BIN = "0400 0700 0900 0200 0400 0800 0200 0a00 0500 0600 0200";

  @TempDir Path dir;

  @Test
  void workedExampleIsByteIdenticalToFairseq() {
    Path p = dir.resolve("train");
    try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(p, DType.UINT16)) {
      b.add(new int[] {4, 7, 9, 2, 99}, 4);
      b.add(new long[] {4, 8, 2});
      b.add(new int[] {10, 5, 6, 2}, 4);
      b.finish();
    }
    assertArrayEquals(TestFiles.hex(EXAMPLE_IDX), TestFiles.read(TestFiles.idx(p)));
    assertArrayEquals(TestFiles.hex(EXAMPLE_BIN), TestFiles.read(TestFiles.bin(p)));
    assertArrayEquals(TestFiles.resource("example.idx"), TestFiles.read(TestFiles.idx(p)));
    assertArrayEquals(TestFiles.resource("example.bin"), TestFiles.read(TestFiles.bin(p)));
  }

  @Test
  void roundTripsBoundaryValuesOfEveryWritableDtype() {
    long two53 = 1L << 53;
    Object[][] cases = {
      {DType.UINT8, new long[] {0, 1, 255}},
      {DType.INT8, new long[] {-128, 0, 127}},
      {DType.INT16, new long[] {-32768, 0, 32767}},
      {DType.INT32, new long[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}},
      {DType.INT64, new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}},
      {DType.FLOAT64, new long[] {-two53, -1, 0, two53}},
      {DType.UINT16, new long[] {0, 65534, 65535}},
      {DType.UINT32, new long[] {0, 65536, 4294967295L}},
      {DType.UINT64, new long[] {0, 4294967296L, Long.MAX_VALUE}},
    };
    for (Object[] c : cases) {
      DType t = (DType) c[0];
      long[] v = (long[]) c[1];
      Path p = dir.resolve("rt-" + t);
      try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(p, t)) {
        b.add(v);
        b.add(new long[0]);
        b.add(new long[] {v[1]});
        b.finish();
      }
      assertEquals(3 * t.itemSize() + t.itemSize() * v.length - 2 * t.itemSize(), bin(p).length);
      try (MmapIndexedDataset d = MmapIndexedDataset.open(p)) {
        assertEquals(t, d.dtype());
        assertArrayEquals(new int[] {v.length, 0, 1}, d.sizes());
        assertArrayEquals(v, d.get(0), t.toString());
        assertArrayEquals(new long[0], d.get(1));
        assertArrayEquals(new long[] {v[1]}, d.get(2));
        assertEquals(v.length + 1, d.totalTokens());
      }
    }
  }

  @Test
  void intInputMatchesLongInput() {
    for (DType t : new DType[] {DType.UINT8, DType.INT16, DType.INT32, DType.INT64, DType.FLOAT64, DType.UINT32}) {
      Path a = dir.resolve("ints-" + t);
      Path b = dir.resolve("longs-" + t);
      build(a, t, w -> w.add(new int[] {0, 1, 100, 127}, 4));
      build(b, t, w -> w.add(new long[] {0, 1, 100, 127}));
      assertArrayEquals(TestFiles.read(TestFiles.bin(a)), TestFiles.read(TestFiles.bin(b)));
      assertArrayEquals(TestFiles.read(TestFiles.idx(a)), TestFiles.read(TestFiles.idx(b)));
    }
  }

  @Test
  void doubleIsWrittenAsFloat64Code() {
    Path p = dir.resolve("d");
    build(p, DType.DOUBLE, w -> w.add(new long[] {3}));
    assertEquals(6, TestFiles.read(TestFiles.idx(p))[17]);
  }

  @Test
  void valuesOutsideTheDtypeAreErrorsAndLeaveTheBuilderUsable() {
    Path p = dir.resolve("range");
    try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(p, DType.UINT16)) {
      LeapseqException e = assertThrows(LeapseqException.class, () -> b.add(new int[] {1, 65536}, 2));
      assertTrue(e.getMessage().contains("65536") && e.getMessage().contains("uint16"), e.getMessage());
      assertThrows(LeapseqException.class, () -> b.add(new long[] {-1}));
      b.add(new int[] {65535}, 1);
      b.finish();
    }
    try (MmapIndexedDataset d = MmapIndexedDataset.open(p)) {
      assertEquals(1, d.size());
      assertArrayEquals(new long[] {65535}, d.get(0));
    }
    assertRangeError(DType.UINT8, 256);
    assertRangeError(DType.INT8, -129);
    assertRangeError(DType.UINT32, 4294967296L);
    assertRangeError(DType.UINT64, -1);
    assertRangeError(DType.FLOAT64, (1L << 53) + 1);
  }

  private void assertRangeError(DType t, long value) {
    try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(dir.resolve("bad-" + t), t)) {
      assertThrows(LeapseqException.class, () -> b.add(new long[] {0, value}));
    }
  }

  @Test
  void emptyDatasetIsValid() {
    Path p = dir.resolve("empty");
    build(p, DType.UINT16, w -> {});
    assertEquals(26, TestFiles.read(TestFiles.idx(p)).length);
    assertEquals(0, TestFiles.read(TestFiles.bin(p)).length);
    try (MmapIndexedDataset d = MmapIndexedDataset.open(p)) {
      assertEquals(0, d.size());
      assertEquals(0, d.totalTokens());
    }
  }

  @Test
  void closeWithoutFinishLeavesNothing() throws IOException {
    Path p = dir.resolve("abandoned");
    try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(p, DType.UINT16)) {
      b.add(new int[] {1, 2, 3}, 3);
    }
    assertFalse(Files.exists(TestFiles.idx(p)));
    assertFalse(Files.exists(TestFiles.bin(p)));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.toList());
    }
  }

  @Test
  void finishedBuilderRejectsMoreItems() {
    Path p = dir.resolve("done");
    try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(p, DType.UINT16)) {
      b.finish();
      assertThrows(IllegalStateException.class, () -> b.add(new long[] {1}));
    }
    assertTrue(Files.exists(TestFiles.idx(p)));
  }

  @Test
  void mergedPartsEqualOneBuilderByteForByte() {
    long[][] items = randomItems(new Random(7), 300, 40, 30000);
    build(dir.resolve("all"), DType.UINT16, w -> addAll(w, items, 0, items.length));
    build(dir.resolve("pt0"), DType.UINT16, w -> addAll(w, items, 0, 120));
    build(dir.resolve("pt1"), DType.UINT16, w -> addAll(w, items, 120, 300));
    build(dir.resolve("merged"), DType.UINT16, w -> {
      w.merge(dir.resolve("pt0"));
      w.merge(dir.resolve("pt1"));
    });
    build(dir.resolve("mixed"), DType.UINT16, w -> {
      addAll(w, items, 0, 50);
      w.merge(dir.resolve("pt0"));
    });
    assertArrayEquals(TestFiles.read(TestFiles.idx(dir.resolve("all"))), idx(dir.resolve("merged")));
    assertArrayEquals(TestFiles.read(TestFiles.bin(dir.resolve("all"))), bin(dir.resolve("merged")));
    try (MmapIndexedDataset d = MmapIndexedDataset.open(dir.resolve("mixed"))) {
      assertEquals(170, d.size());
      assertArrayEquals(items[49], d.get(49));
      assertArrayEquals(items[0], d.get(50));
      assertArrayEquals(items[119], d.get(169));
    }
  }

  @Test
  void mergeRejectsAnotherDtype() {
    build(dir.resolve("u32"), DType.UINT32, w -> w.add(new long[] {1}));
    try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(dir.resolve("u16"), DType.UINT16)) {
      LeapseqException e = assertThrows(LeapseqException.class, () -> b.merge(dir.resolve("u32")));
      assertTrue(e.getMessage().contains("uint32") && e.getMessage().contains("u32.idx"), e.getMessage());
      b.add(new long[] {2});
      b.finish();
    }
  }

  @Test
  void writesManyTokensThroughTheBuffer() {
    Path p = dir.resolve("big");
    int[] item = new int[1000];
    for (int j = 0; j < item.length; j++) {
      item[j] = j * 37 % 65000;
    }
    build(p, DType.UINT16, w -> {
      for (int i = 0; i < 3000; i++) {
        w.add(item, item.length);
      }
    });
    assertEquals(2L * 3_000_000, bin(p).length);
    try (MmapIndexedDataset d = MmapIndexedDataset.open(p)) {
      assertEquals(3_000_000, d.totalTokens());
      assertArrayEquals(item, d.getInts(2999));
      assertEquals(2L * 1000 * 1234, d.pointer(1234));
    }
  }

  static long[][] randomItems(Random r, int n, int maxLen, int vocab) {
    long[][] items = new long[n][];
    for (int i = 0; i < n; i++) {
      items[i] = r.longs(r.nextInt(maxLen + 1), 0, vocab).toArray();
    }
    return items;
  }

  static void addAll(MmapIndexedDatasetBuilder w, long[][] items, int from, int to) {
    for (int i = from; i < to; i++) {
      w.add(items[i]);
    }
  }

  interface Fill {
    void fill(MmapIndexedDatasetBuilder w);
  }

  static void build(Path p, DType t, Fill fill) {
    try (MmapIndexedDatasetBuilder b = new MmapIndexedDatasetBuilder(p, t)) {
      fill.fill(b);
      b.finish();
    }
  }

  private static byte[] bin(Path p) {
    return TestFiles.read(TestFiles.bin(p));
  }

  private static byte[] idx(Path p) {
    return TestFiles.read(TestFiles.idx(p));
  }
}
