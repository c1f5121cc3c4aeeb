// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Opcodes the fixtures do not reach, run on hand-made pickles without an archive. */
class UnpicklerTest {
  private static Object load(byte[] pickle) {
    return new Freezer().freeze(new Unpickler(pickle, key -> {
      throw new AssertionError("no storage expected");
    }).load());
  }

  @Test
  void setsFromEveryOpcodeKeepTheirOrder() {
    Object sets = load(Pickles.proto2().op('(')
        .op(0x8f, '(').integer(3).integer(1).op(0x90)
        .op('(').str("b").str("a").op(0x91)
        .global("builtins", "set").op(']', '(').integer(2).integer(2).op('e', 0x85, 'R')
        .op('t').stop());
    assertEquals(List.of(Set.of(3L, 1L), Set.of("b", "a"), Set.of(2L)), sets);
    assertEquals(List.of(3L, 1L), List.copyOf((Set<?>) ((List<?>) sets).get(0)));
  }

  @Test
  void integersBytesAndFloats() {
    Object v = load(Pickles.proto2().op('(')
        .op(0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0x80, 0xff) // LONG1: -2^63 in 9 bytes
        .op(0x8a, 0)                                  // LONG1: 0 in no bytes
        .op('M', 0xff, 0xff)                          // BININT2
        .op('G', 0x3f, 0xf8, 0, 0, 0, 0, 0, 0)        // BINFLOAT 1.5
        .op('C', 2, 'h', 'i')                         // SHORT_BINBYTES
        .op(0x8c, 3, 0xe2, 0x82, 0xac)                // SHORT_BINUNICODE "€"
        .op('t').stop());
    List<?> items = (List<?>) v;
    assertEquals(BigInteger.ONE.shiftLeft(63).negate().longValueExact(), items.get(0));
    assertEquals(0L, items.get(1));
    assertEquals(65535L, items.get(2));
    assertEquals(1.5, items.get(3));
    assertArrayEquals(new byte[] {'h', 'i'}, (byte[]) items.get(4));
    assertEquals("\u20ac", items.get(5));
    Object big = load(Pickles.proto2().op(0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0x80, 0).stop());
    assertEquals(BigInteger.ONE.shiftLeft(63), big);
  }

  @Test
  void sharedValuesStayShared() {
    Object v = load(Pickles.proto2().op('}', '(').str("a").op(']', 'q', 1).str("b").op('h', 1, 'u').stop());
    Map<?, ?> m = (Map<?, ?>) v;
    assertSame(m.get("a"), m.get("b"));
  }

  @Test
  void unhashableKeysAreRejected() {
    PickleError e = assertThrows(PickleError.class, () -> load(Pickles.proto2().op('}', ']', ']', 's').stop()));
    assertEquals("a list cannot be a dict key or set element", e.getMessage());
  }

  @Test
  void bigEndianStoragesAreRead() {
    ByteBuffer be = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-2f);
    Object t = new Unpickler(Pickles.proto2().tensor("0", 2, 0, new int[] {2}, new int[] {1}).stop(),
        key -> ByteBuffer.wrap(be.array()).order(java.nio.ByteOrder.BIG_ENDIAN)).load();
    assertArrayEquals(new float[] {1.5f, -2f}, ((TorchTensor) t).toFloat32().toFloatVector());
    assertArrayEquals(new double[] {1.5, -2}, ((TorchTensor) t).toFloat64().toDoubleVector());
  }
}
