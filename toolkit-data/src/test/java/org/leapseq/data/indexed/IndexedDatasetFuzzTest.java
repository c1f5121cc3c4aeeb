// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;

/**
 * Feeds truncated, corrupted and random files to every reader: each either opens and reads every item, or fails
 * with a one-line {@link LeapseqException} naming the file, never another exception.
 */
class IndexedDatasetFuzzTest {
  private static final long[][] ITEMS = {{4, 7, 9, 2}, {4, 8, 2}, {}, {10, 5, 6, 2, 1}};

  @TempDir Path dir;
  private final Random random = new Random(20240229L);
  private int cases;
  private int opened;

  @Test
  void everyReaderFailsCleanlyOnDamagedFiles() {
    for (byte[][] base : bases()) {
      check(base[0], base[1]);
      for (int k = 0; k < 20; k++) {
        check(base[0], flipBytes(base[1], 1 + random.nextInt(4)));
      }
      for (int len = 0; len < base[0].length; len++) {
        check(Arrays.copyOf(base[0], len), base[1]);
      }
      for (int k = 0; k < 15; k++) {
        check(base[0], Arrays.copyOf(base[1], random.nextInt(base[1].length + 9)));
      }
      for (int k = 0; k < 40; k++) {
        check(flipBytes(base[0], 1 + random.nextInt(3)), base[1]);
      }
      for (int field : new int[] {0, 8, 9, 16, 17, 18, 24, 32, 40, 48, 56}) {
        for (int k = 0; k < 4; k++) {
          check(overwriteLong(base[0], field), base[1]);
        }
      }
    }
    for (int k = 0; k < 150; k++) {
      check(randomIdx(), randomBytes(random.nextInt(64)));
    }
    assertTrue(cases > 1500, "cases " + cases);
    assertTrue(opened > 150 && opened < cases, "opened " + opened + " of " + cases);
  }

  @Test
  void hugeCountsFailBeforeAllocating() {
    for (long n : new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, -1L, 1L << 40}) {
      ByteBuffer mmap = le(26).put(MmapIndexedDataset.MAGIC).putLong(1).put((byte) 8).putLong(n);
      check(mmap.array(), new byte[0]);
      ByteBuffer legacy = le(48).put(LegacyIndexedDataset.MAGIC).putLong(1).putLong(4).putLong(4);
      check(legacy.putLong(n).putLong(n).array(), new byte[0]);
    }
    assertEquals(0, opened);
  }

  private List<byte[][]> bases() {
    List<byte[][]> bases = new ArrayList<>();
    for (int code : new int[] {8, 5, 6, 1}) {
      TestFiles.mmap(dir.resolve("base"), code, ITEMS);
      bases.add(new byte[][] {TestFiles.read(TestFiles.idx(dir.resolve("base"))),
          TestFiles.read(TestFiles.bin(dir.resolve("base")))});
    }
    for (int[] codeAndSize : new int[][] {{4, 4}, {6, 4}, {2, 1}}) {
      TestFiles.legacy(dir.resolve("base"), codeAndSize[0], codeAndSize[1], ITEMS);
      bases.add(new byte[][] {TestFiles.read(TestFiles.idx(dir.resolve("base"))),
          TestFiles.read(TestFiles.bin(dir.resolve("base")))});
    }
    return bases;
  }

  private void check(byte[] idx, byte[] bin) {
    cases++;
    Path fuzz = dir.resolve("fuzz");
    TestFiles.write(TestFiles.idx(fuzz), idx);
    TestFiles.write(TestFiles.bin(fuzz), bin);
    TestFiles.mmap(dir.resolve("shard"), 8, ITEMS);
    TestFiles.write(TestFiles.idx(dir.resolve("shard1")), idx);
    TestFiles.write(TestFiles.bin(dir.resolve("shard1")), bin);
    int window = new int[] {1, 3, 8, 64, MappedBin.DEFAULT_WINDOW}[random.nextInt(5)];
    boolean any = attempt(fuzz, p -> MmapIndexedDataset.open(p, window));
    any |= attempt(fuzz, p -> LegacyIndexedDataset.open(p, window));
    any |= attempt(fuzz, IndexedDatasets::open);
    attempt(fuzz, IndexedDatasets::openCombined);
    attempt(dir.resolve("shard"), IndexedDatasets::openCombined);
    opened += any ? 1 : 0;
  }

  private boolean attempt(Path prefix, Function<Path, IndexedDataset> opener) {
    try (IndexedDataset d = opener.apply(prefix)) {
      int[] sizes = d.sizes();
      long total = 0;
      for (int i = 0; i < d.size(); i++) {
        readItem(d, i, sizes[i]);
        total += sizes[i];
      }
      assertEquals(total, d.totalTokens());
      return true;
    } catch (LeapseqException e) {
      assertOneLine(e, prefix);
      return false;
    } catch (RuntimeException | Error e) {
      StringWriter s = new StringWriter();
      e.printStackTrace(new PrintWriter(s));
      fail("case " + cases + " " + prefix.getFileName() + ": unexpected " + s);
      return false;
    }
  }

  private static void readItem(IndexedDataset d, int i, int size) {
    assertEquals(size, d.itemLength(i));
    try {
      assertEquals(size, d.get(i).length);
      assertEquals(size, d.getInts(i).length);
    } catch (LeapseqException e) {
      assertOneLine(e, d.path());
    }
  }

  private static void assertOneLine(LeapseqException e, Path prefix) {
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.contains(prefix.getFileName().toString()), m);
  }

  private byte[] flipBytes(byte[] b, int count) {
    byte[] c = b.clone();
    for (int k = 0; k < count && c.length > 0; k++) {
      c[random.nextInt(c.length)] = (byte) random.nextInt(256);
    }
    return c;
  }

  private byte[] overwriteLong(byte[] b, int at) {
    byte[] c = b.clone();
    long[] interesting = {0, 1, 2, -1, 255, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong()};
    long v = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(1000);
    ByteBuffer w = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < 8 && at + k < c.length; k++) {
      w.put(at + k, (byte) (v >>> (8 * k)));
    }
    return c;
  }

  private byte[] randomIdx() {
    byte[] b = randomBytes(random.nextInt(200));
    int choice = random.nextInt(3);
    byte[] magic = choice == 0 ? MmapIndexedDataset.MAGIC : choice == 1 ? LegacyIndexedDataset.MAGIC : new byte[0];
    System.arraycopy(magic, 0, b, 0, Math.min(magic.length, b.length));
    return b;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
