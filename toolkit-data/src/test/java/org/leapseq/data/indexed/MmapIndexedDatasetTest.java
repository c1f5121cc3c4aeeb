// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class MmapIndexedDatasetTest {
  @TempDir Path dir;

  @Test
  void readsFairseqWrittenFixtures() {
    Path p = dir.resolve("example");
    TestFiles.write(TestFiles.idx(p), TestFiles.resource("example.idx"));
    TestFiles.write(TestFiles.bin(p), TestFiles.resource("example.bin"));
    try (MmapIndexedDataset d = MmapIndexedDataset.open(p)) {
      assertEquals(DType.UINT16, d.dtype());
      assertEquals(3, d.size());
      assertArrayEquals(new int[] {4, 3, 4}, d.sizes());
      assertEquals(3, d.itemLength(1));
      assertArrayEquals(new long[] {4, 7, 9, 2}, d.get(0));
      assertArrayEquals(new int[] {4, 8, 2}, d.getInts(1));
      assertArrayEquals(new long[] {10, 5, 6, 2}, d.get(2));
      assertEquals(11, d.totalTokens());
      assertEquals(p, d.path());
      assertThrows(IndexOutOfBoundsException.class, () -> d.get(3));
    }
    Path q = dir.resolve("int32");
    TestFiles.write(TestFiles.idx(q), TestFiles.resource("int32.idx"));
    TestFiles.write(TestFiles.bin(q), TestFiles.resource("int32.bin"));
    try (MmapIndexedDataset d = MmapIndexedDataset.open(q)) {
      assertEquals(DType.INT32, d.dtype());
      assertArrayEquals(new long[0], d.get(1));
      assertArrayEquals(new long[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 2}, d.get(2));
    }
  }

  @Test
  void readsHandBuiltFilesOfEveryDtypeCode() {
    long[][] boundaries = {
      null,
      {0, 255}, {-128, 127}, {-32768, 32767}, {Integer.MIN_VALUE, Integer.MAX_VALUE},
      {Long.MIN_VALUE, Long.MAX_VALUE}, {-(1L << 53), 1L << 53}, {-5, 5}, {0, 65535},
      {0, 4294967295L}, {0, Long.MAX_VALUE}
    };
    for (int code = 1; code <= 10; code++) {
      Path p = dir.resolve("code" + code);
      TestFiles.mmap(p, code, new long[][] {{1, 2, 3}, boundaries[code], {}});
      try (MmapIndexedDataset d = MmapIndexedDataset.open(p)) {
        assertEquals(code, d.dtype().code());
        assertArrayEquals(new long[] {1, 2, 3}, d.get(0));
        assertArrayEquals(boundaries[code], d.get(1), "code " + code);
        assertArrayEquals(new long[0], d.get(2));
      }
    }
  }

  @Test
  void floatsTruncateTowardZeroAndNonFiniteValuesAreErrors() {
    Path p = dir.resolve("floats");
    ByteBuffer b = TestFiles.le(48);
    b.putDouble(2.9).putDouble(-2.9).putDouble(-0.5).putDouble(1e18).putDouble(Double.NaN).putDouble(1e19);
    TestFiles.write(TestFiles.idx(p), TestFiles.mmapIndex(6, new int[] {4, 1, 1}, new long[] {0, 32, 40}));
    TestFiles.write(TestFiles.bin(p), b.array());
    try (MmapIndexedDataset d = MmapIndexedDataset.open(p)) {
      assertArrayEquals(new long[] {2, -2, 0, 1_000_000_000_000_000_000L}, d.get(0));
      LeapseqException e = assertThrows(LeapseqException.class, () -> d.get(1));
      assertTrue(e.getMessage().contains("floats.bin") && e.getMessage().contains("item 1"), e.getMessage());
      assertThrows(LeapseqException.class, () -> d.get(2));
      assertThrows(LeapseqException.class, () -> d.getInts(0));
    }
  }

  @Test
  void itemsStraddlingSmallWindowsReadCorrectly() {
    Random r = new Random(11);
    for (DType t : new DType[] {DType.UINT8, DType.UINT16, DType.INT32, DType.INT64, DType.FLOAT64}) {
      Path p = dir.resolve("win-" + t);
      long[][] items = MmapIndexedDatasetBuilderTest.randomItems(r, 60, 50, 120);
      MmapIndexedDatasetBuilderTest.build(p, t, w -> MmapIndexedDatasetBuilderTest.addAll(w, items, 0, 60));
      for (int window : new int[] {64, 8, 3, 1, 1 << 30}) {
        try (MmapIndexedDataset d = MmapIndexedDataset.open(p, window)) {
          for (int i = 0; i < items.length; i++) {
            assertArrayEquals(items[i], d.get(i), t + " window " + window + " item " + i);
          }
        }
      }
    }
  }

  @Test
  void unalignedPointersAndSharedBytesAreRead() {
    Path p = dir.resolve("odd");
    TestFiles.write(TestFiles.idx(p), TestFiles.mmapIndex(8, new int[] {2, 2, 1}, new long[] {1, 1, 5}));
    TestFiles.write(TestFiles.bin(p), TestFiles.hex("ff 0100 0200 0300"));
    try (MmapIndexedDataset d = MmapIndexedDataset.open(p, 4)) {
      assertArrayEquals(new long[] {1, 2}, d.get(0));
      assertArrayEquals(new long[] {1, 2}, d.get(1));
      assertArrayEquals(new long[] {3}, d.get(2));
    }
  }

  @Test
  void validationErrorsAreOneLineAndNameTheFile() {
    Path p = dir.resolve("train");
    byte[] good = TestFiles.mmapIndex(8, new int[] {4, 3, 4}, new long[] {0, 8, 14});
    TestFiles.write(TestFiles.bin(p), new byte[22]);
    assertOpenFails(p, "no such file", null);
    assertOpenFails(p, "shorter than the 26-byte header", java.util.Arrays.copyOf(good, 20));
    assertOpenFails(p, "legacy", TestFiles.hex("544e544944580000 0100000000000000 0400000000000000"));
    assertOpenFails(p, "bad magic", patch(good, 0, (byte) 'X'));
    assertOpenFails(p, "unsupported version 2", patch(good, 9, (byte) 2));
    assertOpenFails(p, "unknown dtype code 11", patch(good, 17, (byte) 11));
    assertOpenFails(p, "unknown dtype code 0", patch(good, 17, (byte) 0));
    assertOpenFails(p, "3 items needs 62 bytes", java.util.Arrays.copyOf(good, 61));
    assertOpenFails(p, "4 items needs 74 bytes", patch(good, 18, (byte) 4));
    assertOpenFails(p, "far more", patch(good, 25, (byte) 0x80));
    assertOpenFails(p, "item 1 has negative size -1",
        TestFiles.mmapIndex(8, new int[] {4, -1, 4}, new long[] {0, 8, 14}));
    assertOpenFails(p, "item 2 ends at byte 24 but train.bin has 22 bytes",
        TestFiles.mmapIndex(8, new int[] {4, 3, 4}, new long[] {0, 8, 16}));
    assertOpenFails(p, "item 0 starts at negative byte offset -8",
        TestFiles.mmapIndex(8, new int[] {4, 3, 4}, new long[] {-8, 8, 14}));
    assertOpenFails(p, "item 0 ends at byte",
        TestFiles.mmapIndex(8, new int[] {1, 3, 4}, new long[] {Long.MAX_VALUE, 8, 14}));
    TestFiles.write(TestFiles.idx(p), good);
    try (MmapIndexedDataset d = MmapIndexedDataset.open(p)) {
      assertEquals(3, d.size());
    }
  }

  @Test
  void missingBinIsNamed() {
    Path p = dir.resolve("nobin");
    TestFiles.write(TestFiles.idx(p), TestFiles.mmapIndex(8, new int[0], new long[0]));
    LeapseqException e = assertThrows(LeapseqException.class, () -> MmapIndexedDataset.open(p));
    assertTrue(e.getMessage().startsWith(TestFiles.bin(p) + ": cannot read"), e.getMessage());
  }

  @Test
  void directoriesAndClosedDatasetsFailClearly() throws Exception {
    Path p = dir.resolve("d");
    java.nio.file.Files.createDirectory(TestFiles.bin(p));
    TestFiles.write(TestFiles.idx(p), TestFiles.mmapIndex(8, new int[0], new long[0]));
    LeapseqException e = assertThrows(LeapseqException.class, () -> MmapIndexedDataset.open(p));
    assertTrue(e.getMessage().endsWith("d.bin: cannot read: is a directory"), e.getMessage());
    Path q = dir.resolve("c");
    TestFiles.mmap(q, 8, new long[][] {{1}});
    MmapIndexedDataset d = MmapIndexedDataset.open(q);
    d.close();
    d.close();
    assertThrows(IllegalStateException.class, () -> d.get(0));
    assertEquals(1, d.itemLength(0));
  }

  private static byte[] patch(byte[] b, int at, byte value) {
    byte[] c = b.clone();
    c[at] = value;
    return c;
  }

  private static void assertOpenFails(Path p, String expected, byte[] idx) {
    if (idx != null) {
      TestFiles.write(TestFiles.idx(p), idx);
    }
    LeapseqException e = assertThrows(LeapseqException.class, () -> MmapIndexedDataset.open(p));
    String m = e.getMessage();
    assertTrue(m.contains(expected), m);
    assertTrue(m.contains("train.idx") || m.contains("train.bin"), m);
    assertFalse(m.contains("\n"), m);
  }
}
