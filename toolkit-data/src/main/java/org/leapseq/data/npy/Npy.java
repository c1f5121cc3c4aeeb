// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * Reads and writes NumPy {@code .npy} data (format versions 1, 2 and 3 on read, 1 on write). Writing is
 * byte-identical to {@code np.save} of numpy 1.23 and later (header padded to 64 bytes, with the spare room numpy
 * leaves for the first axis to grow). Fortran-order and structured arrays are rejected with a one-line error.
 */
public final class Npy {
  /** {@code \x93NUMPY}. */
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** True if {@code b} starts with the npy magic (fairseq's {@code is_npy_data}). */
  public static boolean isNpy(ByteBuffer b) {
    if (b.remaining() < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (b.get(b.position() + i) != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** Reads a .npy file. */
  public static NpyArray read(Path file) {
    try {
      return parse(ByteBuffer.wrap(Files.readAllBytes(file)), file.toString());
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
  }

  /** Parses the .npy bytes from {@code b}'s position to its limit; {@code name} is used in errors. */
  public static NpyArray parse(ByteBuffer b, String name) {
    ByteBuffer in = b.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (!isNpy(in) || in.remaining() < 10) {
      throw new LeapseqException(name + ": not a .npy array (no \\x93NUMPY magic)");
    }
    int major = in.get(6);
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = in.getShort(8) & 0xffff;
      start = 10;
    } else if (major == 2 || major == 3) {
      headerLen = in.remaining() < 12 ? -1 : in.getInt(8);
      start = 12;
    } else {
      throw new LeapseqException(name + ": unsupported .npy format version " + major + ", expected 1, 2 or 3");
    }
    if (headerLen < 0 || start + headerLen > in.remaining()) {
      throw new LeapseqException(name + ": truncated .npy header");
    }
    byte[] h = new byte[headerLen];
    in.get(start, h);
    String header = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = group(DESCR, header, name, "'descr'");
    if (group(FORTRAN, header, name, "'fortran_order'").equals("True")) {
      throw new LeapseqException(name + ": Fortran-order array; save it in C order (np.ascontiguousarray)");
    }
    NpyType type = NpyType.ofDescr(descr);
    if (type == null || descr.charAt(0) != '<' && descr.charAt(0) != '>' && descr.charAt(0) != '|'
        && descr.charAt(0) != '=') {
      throw new LeapseqException(name + ": unsupported dtype '" + descr
          + "', expected float32/float64 or a signed integer");
    }
    int[] shape = parseShape(group(SHAPE, header, name, "'shape'"), name);
    long bytes = type.itemSize();
    for (int d : shape) {
      bytes *= d;
    }
    int dataStart = start + headerLen;
    if (in.remaining() - dataStart < bytes) {
      throw new LeapseqException(name + ": truncated .npy data: shape " + Arrays.toString(shape) + " needs " + bytes
          + " bytes, found " + (in.remaining() - dataStart));
    }
    ByteBuffer data = in.slice(dataStart, (int) bytes);
    if (descr.charAt(0) == '>' && type.itemSize() > 1) {
      data = swap(data, type.itemSize());
    }
    return new NpyArray(type, shape, data);
  }

  private static String group(Pattern p, String header, String name, String key) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new LeapseqException(name + ": bad .npy header, no " + key + " in " + header.strip());
    }
    return m.group(1);
  }

  private static int[] parseShape(String s, String name) {
    String body = s.strip();
    if (body.isEmpty()) {
      return new int[0];
    }
    String[] parts = body.split(",");
    int n = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
    int[] shape = new int[n];
    for (int i = 0; i < n; i++) {
      try {
        shape[i] = Integer.parseInt(parts[i].strip().replace("L", ""));
      } catch (NumberFormatException e) {
        throw new LeapseqException(name + ": bad .npy shape (" + s + ")");
      }
    }
    return shape;
  }

  private static ByteBuffer swap(ByteBuffer be, int size) {
    ByteBuffer le = ByteBuffer.allocate(be.remaining());
    for (int i = 0; i < be.remaining(); i += size) {
      for (int j = 0; j < size; j++) {
        le.put(i + j, be.get(i + size - 1 - j));
      }
    }
    return le;
  }

  /** The .npy bytes of {@code a}, as np.save writes them. */
  public static byte[] toBytes(NpyArray a) {
    byte[] header = header(a).getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer out = ByteBuffer.allocate(header.length + a.data().remaining());
    out.put(header).put(a.data().duplicate());
    return out.array();
  }

  private static String header(NpyArray a) {
    int[] shape = a.shape();
    StringBuilder dims = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      dims.append(i > 0 ? ", " : "").append(shape[i]);
    }
    dims.append(shape.length == 1 ? ",)" : ")");
    StringBuilder h = new StringBuilder("{'descr': '").append(a.type().descr())
        .append("', 'fortran_order': False, 'shape': ").append(dims).append(", }");
    if (shape.length > 0) {
      h.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
    }
    int pad = ALIGN - (MAGIC.length + 2 + 2 + h.length() + 1) % ALIGN; // numpy pads 64 when already aligned
    h.append(" ".repeat(pad)).append('\n');
    int len = h.length();
    return new String(MAGIC, StandardCharsets.ISO_8859_1) + "\u0001\u0000" + (char) (len & 0xff)
        + (char) (len >>> 8) + h;
  }

  /** Writes {@code a} to {@code file} atomically (temporary file, fsync, rename). */
  public static void write(Path file, NpyArray a) {
    try (AtomicOutput out = AtomicOutput.create(file)) {
      out.stream().write(toBytes(a));
      out.commit();
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot write: " + IoErrors.describe(e), e);
    }
  }
}
