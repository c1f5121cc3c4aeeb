// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

class LegacyIndexedDatasetTest {
  private static final long[][] EXAMPLE = {{4, 7, 9, 2}, {4, 8, 2}, {10, 5, 6, 2}};

  @TempDir Path dir;

  @Test
  void readsFairseqWrittenInt32FixtureAndSubtractsOne() {
    Path p = dir.resolve("legacy");
    TestFiles.write(TestFiles.idx(p), TestFiles.resource("legacy.idx"));
    TestFiles.write(TestFiles.bin(p), TestFiles.resource("legacy.bin"));
    try (LegacyIndexedDataset d = LegacyIndexedDataset.open(p)) {
      assertEquals(DType.INT32, d.dtype());
      assertEquals(3, d.size());
      assertArrayEquals(new int[] {4, 3, 4}, d.sizes());
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(EXAMPLE[i], d.get(i));
      }
      assertEquals(11, d.totalTokens());
    }
  }

  @Test
  void readsEveryDtypeCodeFairseqCouldHaveWritten() {
    long[][] items = {{0, 5, 99}, {}, {126}};
    for (int code = 1; code <= 10; code++) {
      Path p = dir.resolve("legacy" + code);
      TestFiles.legacy(p, code, TestFiles.values(code, 0).length, items);
      try (LegacyIndexedDataset d = LegacyIndexedDataset.open(p, 8)) {
        assertEquals(code, d.dtype().code());
        for (int i = 0; i < items.length; i++) {
          assertArrayEquals(items[i], d.get(i), "code " + code);
        }
      }
    }
  }

  @Test
  void float64WithFairseqsElementSizeFourIsRead() {
    Path p = dir.resolve("f64");
    TestFiles.legacy(p, 6, 4, EXAMPLE);
    try (LegacyIndexedDataset d = LegacyIndexedDataset.open(p)) {
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(EXAMPLE[i], d.get(i));
      }
    }
  }

  @Test
  void multiDimensionalItemLengthIsTheProduct() {
    Path p = dir.resolve("2d");
    ByteBuffer idx = TestFiles.le(48 + 8 * (2 + 2 + 2));
    idx.put(TestFiles.hex("544e544944580000")).putLong(1).putLong(1).putLong(1).putLong(1).putLong(2);
    idx.putLong(0).putLong(2).putLong(0).putLong(6).putLong(2).putLong(3);
    TestFiles.write(TestFiles.idx(p), idx.array());
    TestFiles.write(TestFiles.bin(p), new byte[] {1, 2, 3, 4, 5, 6});
    try (LegacyIndexedDataset d = LegacyIndexedDataset.open(p)) {
      assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, d.get(0));
    }
  }

  @Test
  void validationErrorsAreOneLineAndNameTheFile() {
    Path p = dir.resolve("train");
    TestFiles.legacy(p, 4, 4, EXAMPLE);
    byte[] good = TestFiles.read(TestFiles.idx(p));
    assertOpenFails(p, "shorter than the 48-byte header", Arrays.copyOf(good, 40));
    assertOpenFails(p, "mmap", TestFiles.mmapIndex(8, new int[0], new long[0]));
    assertOpenFails(p, "bad magic", patch(good, 0, 1));
    assertOpenFails(p, "unsupported version", patch(good, 8, 7));
    assertOpenFails(p, "unknown dtype code 12", patch(good, 16, 12));
    assertOpenFails(p, "element size 0", patch(good, 24, 0));
    assertOpenFails(p, "does not match", Arrays.copyOf(good, good.length - 8));
    assertOpenFails(p, "does not match", patch(good, 32, 4));
    assertOpenFails(p, "does not match", patch(good, 39, 0x7f));
    assertOpenFails(p, "item 0 has dim offsets 0..9 outside 0..3", patch(good, 48 + 8, 9));
    assertOpenFails(p, "item 0 has an invalid dimension", patch(good, 48 + 64 + 7, 0xff));
    assertOpenFails(p, "item 2 ends at byte 48 but train.bin has 44 bytes", patch(good, 48 + 32 + 16, 8));
    assertOpenFails(p, "item 1 has an invalid data offset", patch(good, 48 + 32 + 8 + 7, 0x80));
  }

  private static byte[] patch(byte[] b, int at, int value) {
    byte[] c = b.clone();
    c[at] = (byte) value;
    return c;
  }

  private static void assertOpenFails(Path p, String expected, byte[] idx) {
    TestFiles.write(TestFiles.idx(p), idx);
    LeapseqException e = assertThrows(LeapseqException.class, () -> LegacyIndexedDataset.open(p));
    String m = e.getMessage();
    assertTrue(m.contains(expected), m);
    assertTrue(m.contains("train.idx"), m);
    assertFalse(m.contains("\n"), m);
  }
}
