// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.audio.Fixtures;

/** Golden files written by numpy 1.24 ({@code np.save}, {@code np.savez}) in src/test/resources/audio. */
class NpyTest {
  @Test
  void rewritingNumpysFileGivesTheSameBytes(@TempDir Path dir) throws IOException {
    for (String name : new String[] {"mono-8k-s16.fbank.npy", "espeak-stdout-22k.resampled16k.npy"}) {
      Path src = Fixtures.file(name);
      NpyArray a = Npy.read(src);
      Path out = dir.resolve(name);
      Npy.write(out, a);
      assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(out), name);
    }
    assertArrayEquals(new int[] {78, 80}, Npy.read(Fixtures.file("mono-8k-s16.fbank.npy")).shape());
    assertEquals(NpyType.FLOAT32, Npy.read(Fixtures.file("mono-8k-s16.fbank.npy")).type());
    NpyArray r = Npy.read(Fixtures.file("espeak-stdout-22k.resampled16k.npy"));
    assertEquals(NpyType.FLOAT64, r.type());
    assertArrayEquals(new int[] {4000}, r.shape());
  }

  @Test
  void headersArePaddedLikeNumpy() {
    // np.save(f, np.zeros((2, 3), '<f8')): 128-byte header; np.save(f, np.int64(7)): shape ()
    byte[] b = Npy.toBytes(NpyArray.ofDoubles(new double[6], 2, 3));
    assertEquals(128 + 48, b.length);
    String h = new String(b, 10, 118, StandardCharsets.ISO_8859_1);
    assertTrue(h.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"), h);
    assertTrue(h.endsWith(" \n"));
    byte[] s = Npy.toBytes(NpyArray.ofLongs(new long[] {7}));
    assertEquals(128 + 8, s.length);
    assertTrue(new String(s, 10, 118, StandardCharsets.ISO_8859_1).startsWith(
        "{'descr': '<i8', 'fortran_order': False, 'shape': (), }"));
    // a long shape crosses 128 bytes: numpy 1.24 gives a 192-byte header for (1, 2, 3, 4, 5) + (1,) * 11
    int[] longShape = {1, 2, 3, 4, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    assertEquals(192 + 480, Npy.toBytes(NpyArray.ofFloats(new float[120], longShape)).length);
    assertEquals(7L, Npy.parse(ByteBuffer.wrap(s), "s").toLongs()[0]);
  }

  @Test
  void roundTripsEveryType() {
    double[][] m = {{1.5, -2}, {3, 4.25}, {0, 1e-3}};
    for (NpyType t : new NpyType[] {NpyType.FLOAT32, NpyType.FLOAT64}) {
      NpyArray back = Npy.parse(ByteBuffer.wrap(Npy.toBytes(NpyArray.ofMatrix(m, t))), "m");
      assertEquals(t, back.type());
      assertEquals(1e-3, back.toMatrix()[2][1], t == NpyType.FLOAT32 ? 1e-10 : 0);
      assertEquals(-2.0, back.toMatrix()[0][1], 0);
    }
    NpyArray l = Npy.parse(ByteBuffer.wrap(Npy.toBytes(NpyArray.ofLongs(new long[] {1L << 40, -3}, 2))), "l");
    assertArrayEquals(new long[] {1L << 40, -3}, l.toLongs());
  }

  @Test
  void bigEndianIsSwapped() {
    String header = "{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 1 + 8);
    b.put(Npy.MAGIC).put((byte) 1).put((byte) 0).put((byte) (header.length() + 1)).put((byte) 0)
        .put(header.getBytes(StandardCharsets.ISO_8859_1)).put((byte) '\n').putInt(258).putInt(-5).flip();
    NpyArray a = Npy.parse(b, "be");
    assertEquals(NpyType.INT32, a.type());
    assertArrayEquals(new long[] {258, -5}, a.toLongs());
  }

  @Test
  void badInputGivesOneLineErrors() {
    byte[] good = Npy.toBytes(NpyArray.ofDoubles(new double[6], 2, 3));
    String fortran = new String(good, StandardCharsets.ISO_8859_1).replace("False", "True ");
    assertMessage(fortran.getBytes(StandardCharsets.ISO_8859_1), "Fortran-order");
    assertMessage(java.util.Arrays.copyOf(good, good.length - 1), "truncated .npy data");
    assertMessage("PK\3\4 not npy".getBytes(StandardCharsets.ISO_8859_1), "not a .npy array");
    String c16 = new String(good, StandardCharsets.ISO_8859_1).replace("<f8", "<c8");
    assertMessage(c16.getBytes(StandardCharsets.ISO_8859_1), "unsupported dtype '<c8'");
  }

  private static void assertMessage(byte[] bytes, String what) {
    LeapseqException e = assertThrows(LeapseqException.class, () -> Npy.parse(ByteBuffer.wrap(bytes), "x.npy"));
    assertTrue(e.getMessage().startsWith("x.npy: ") && e.getMessage().contains(what), e.getMessage());
  }

  @Test
  void readsNumpysNpzAndRoundTripsOurs(@TempDir Path dir) {
    Map<String, NpyArray> g = Npz.read(Fixtures.file("gcmvn.npz"));
    assertEquals(java.util.List.of("mean", "std"), java.util.List.copyOf(g.keySet()));
    assertArrayEquals(new int[] {80}, g.get("std").shape());
    assertEquals(NpyType.FLOAT32, g.get("mean").type());
    Map<String, NpyArray> mine = new LinkedHashMap<>();
    mine.put("mean", NpyArray.ofFloats(new float[] {1, 2}, 2));
    mine.put("std", NpyArray.ofFloats(new float[] {3, 4}, 2));
    Path p = dir.resolve("g.npz");
    Npz.write(p, mine);
    Map<String, NpyArray> back = Npz.read(p);
    assertArrayEquals(new double[] {3, 4}, back.get("std").toDoubles());
    LeapseqException e = assertThrows(LeapseqException.class, () -> Npz.require(back, "var", p));
    assertTrue(e.getMessage().contains("no array 'var'") && e.getMessage().contains("[mean, std]"), e.getMessage());
  }
}
