// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A tiny protocol 2 pickle writer for hand-made test pickles; each method appends one opcode. */
final class Pickles {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Pickles proto2() {
    return new Pickles().op(0x80).op(2);
  }

  Pickles op(int... ops) {
    for (int o : ops) {
      out.write(o);
    }
    return this;
  }

  Pickles str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    op('X');
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
    out.writeBytes(b);
    return this;
  }

  Pickles integer(int v) {
    op('J');
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    return this;
  }

  Pickles global(String module, String name) {
    op('c');
    out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** {@code _rebuild_tensor_v2(('storage', torch.FloatStorage, key, 'cpu', numel), offset, size, stride, ...)}. */
  Pickles tensor(String key, int numel, int offset, int[] size, int[] stride) {
    global("torch._utils", "_rebuild_tensor_v2").op('(');
    op('(').str("storage").global("torch", "FloatStorage").str(key).str("cpu").integer(numel).op('t', 'Q');
    integer(offset).op('(');
    for (int s : size) {
      integer(s);
    }
    op('t', '(');
    for (int s : stride) {
      integer(s);
    }
    op('t', 0x89).global("collections", "OrderedDict").op(')', 'R', 't', 'R');
    return this;
  }

  byte[] stop() {
    op('.');
    return out.toByteArray();
  }
}
