// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes the Hugging Face safetensors format: an 8-byte little-endian header length N, N bytes of UTF-8
 * JSON header, then the tensors' little-endian row-major data.
 *
 * <p>{@link #read} loads F64 as DOUBLE, F32, F16 and BF16 as FLOAT (half precision converted exactly), I64 as LONG
 * and I32 as INT. Any malformed or unsupported input fails with a one-line {@link LeapseqException} naming the file.
 *
 * <p>{@link #write} stores DOUBLE, FLOAT, LONG and INT arrays as F64, F32, I64 and I32, atomically. Tensors are laid
 * out sorted by name ({@link String#compareTo}); the reference writer sorts by dtype alignment first, so the bytes
 * can differ from its output while both readers see the same tensors.
 */
public final class SafeTensors {
  /** Headers longer than this are rejected, as the reference reader does. */
  static final long MAX_HEADER_BYTES = 100_000_000L;

  private static final int LENGTH_BYTES = 8;

  private SafeTensors() {}

  /** All tensors of {@code file}, in header order, with its {@code __metadata__}. */
  public static SafeTensorFile read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(file, ch);
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
  }

  private static SafeTensorFile read(Path file, FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < LENGTH_BYTES) {
      throw FileErrors.invalid(file, "%d bytes is too short to hold the 8-byte header length", size);
    }
    long n = readFully(ch, 0, LENGTH_BYTES).getLong();
    if (n < 0 || n > MAX_HEADER_BYTES) {
      throw FileErrors.invalid(
          file, "header length %s exceeds the limit of %d bytes", Long.toUnsignedString(n), MAX_HEADER_BYTES);
    }
    if (n > size - LENGTH_BYTES) {
      throw FileErrors.invalid(file, "header length %d runs past the end of the %d-byte file", n, size);
    }
    byte[] headerBytes = readFully(ch, LENGTH_BYTES, (int) n).array();
    HeaderReader.Header header = new HeaderReader(file).parse(headerBytes, size - LENGTH_BYTES - n);
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    for (TensorInfo t : header.tensors()) {
      long bytes = t.end() - t.begin();
      if (bytes > Integer.MAX_VALUE - LENGTH_BYTES) {
        String q = FileErrors.quote(t.name());
        throw FileErrors.invalid(file, "tensor %s: %d bytes is more than one tensor may hold", q, bytes);
      }
      ByteBuffer data = readFully(ch, LENGTH_BYTES + n + t.begin(), (int) bytes);
      tensors.put(t.name(), TensorCodec.decode(t, data));
    }
    return new SafeTensorFile(tensors, header.metadata());
  }

  private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new EOFException("the file ended early; was it changed while being read?");
      }
    }
    return b.flip().order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Writes {@code tensors} (DOUBLE, FLOAT, LONG or INT arrays of any layout, views included) and {@code metadata}
   * to {@code file}, replacing it atomically.
   */
  public static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata) {
    Map<String, Dtype> dtypes = dtypes(file, tensors);
    List<String> names = new ArrayList<>(tensors.keySet());
    names.sort(null);
    byte[] header = HeaderWriter.header(names, tensors, dtypes, metadata);
    try (AtomicOutput out = AtomicOutput.create(file)) {
      OutputStream s = out.stream();
      s.write(ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
      s.write(header);
      for (String name : names) {
        TensorCodec.encode(tensors.get(name), dtypes.get(name), s);
      }
      out.commit();
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  private static Map<String, Dtype> dtypes(Path file, Map<String, INDArray> tensors) {
    Map<String, Dtype> dtypes = new LinkedHashMap<>();
    for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
      String q = FileErrors.quote(e.getKey());
      if (e.getKey().equals(HeaderReader.METADATA_KEY)) {
        throw LeapseqException.of("%s: cannot write a tensor named %s; the name is reserved", file, q);
      }
      Dtype dtype = Dtype.forWriting(e.getValue().dataType());
      if (dtype == null) {
        throw LeapseqException.of(
            "%s: cannot write tensor %s of type %s; supported: DOUBLE, FLOAT, LONG, INT",
            file, q, e.getValue().dataType());
      }
      dtypes.put(e.getKey(), dtype);
    }
    return dtypes;
  }
}
