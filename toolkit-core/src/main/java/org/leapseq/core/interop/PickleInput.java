// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The bytes of one pickle with a read position; every read is bounds-checked and fails as a {@link PickleError}. */
final class PickleInput {
  private final ByteBuffer b;

  PickleInput(byte[] bytes) {
    this.b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  int position() {
    return b.position();
  }

  int u8() {
    need(1);
    return b.get() & 0xff;
  }

  int u16() {
    need(2);
    return b.getShort() & 0xffff;
  }

  int i32() {
    need(4);
    return b.getInt();
  }

  long u32() {
    return i32() & 0xffffffffL;
  }

  long u64() {
    need(8);
    long v = b.getLong();
    if (v < 0) {
      throw new PickleError("length %s at byte %d is too large", Long.toUnsignedString(v), b.position() - 8);
    }
    return v;
  }

  /** A big-endian IEEE 754 double (BINFLOAT). */
  double f64be() {
    need(8);
    return Double.longBitsToDouble(Long.reverseBytes(b.getLong()));
  }

  /** The next {@code n} bytes; {@code n} is checked against what is left before anything is allocated. */
  byte[] bytes(long n) {
    if (n < 0 || n > b.remaining()) {
      throw truncated(n);
    }
    byte[] out = new byte[(int) n];
    b.get(out);
    return out;
  }

  /** {@code n} bytes of strict UTF-8. */
  String utf8(long n) {
    int at = b.position();
    byte[] raw = bytes(n);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PickleError("string at byte %d is not valid UTF-8", at);
    }
  }

  /** A newline-terminated UTF-8 line, without the newline (the text arguments of GLOBAL and INST). */
  String line() {
    int start = b.position();
    for (int i = start; i < b.limit(); i++) {
      if (b.get(i) == '\n') {
        String s = utf8(i - start);
        b.get();
        return s;
      }
    }
    throw new PickleError("truncated: line at byte %d has no end", start);
  }

  /** A little-endian two's-complement integer of {@code n} bytes (LONG1, LONG4). */
  BigInteger signedLittleEndian(long n) {
    byte[] le = bytes(n);
    if (le.length == 0) {
      return BigInteger.ZERO;
    }
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(be);
  }

  private void need(int n) {
    if (b.remaining() < n) {
      throw truncated(n);
    }
  }

  private PickleError truncated(long n) {
    return new PickleError("truncated: %d bytes needed at byte %d, %d left", n, b.position(), b.remaining());
  }
}
