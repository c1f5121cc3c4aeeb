// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * NumPy {@code .npz} archives: a zip of {@code KEY.npy} members, as {@code np.savez} writes them (stored, not
 * compressed) and {@code np.load} reads them (stored or deflated). fairseq's {@code gcmvn.npz} holds the keys
 * {@code mean} and {@code std}.
 */
public final class Npz {
  /** The DOS timestamp written for every member (2000-01-01 00:00 local), so equal arrays give equal bytes. */
  static final long FIXED_TIME =
      java.time.LocalDateTime.of(2000, 1, 1, 0, 0).atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();

  private Npz() {}

  /** Reads every member; the keys are the member names without {@code .npy}, in archive order. */
  public static Map<String, NpyArray> read(Path file) {
    Map<String, NpyArray> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String key = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
        try (InputStream in = zip.getInputStream(e)) {
          out.put(key, Npy.parse(ByteBuffer.wrap(in.readAllBytes()), file + "[" + e.getName() + "]"));
        }
      }
    } catch (ZipException e) {
      throw new LeapseqException(file + ": not a .npz archive (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
    return out;
  }

  /** The member {@code key} of {@code arrays}, or a one-line error listing the keys there are. */
  public static NpyArray require(Map<String, NpyArray> arrays, String key, Path file) {
    NpyArray a = arrays.get(key);
    if (a == null) {
      throw new LeapseqException(file + ": no array '" + key + "' in the archive, found " + arrays.keySet());
    }
    return a;
  }

  /** Writes {@code arrays} as stored {@code KEY.npy} members, atomically. */
  public static void write(Path file, Map<String, NpyArray> arrays) {
    try (AtomicOutput out = AtomicOutput.create(file)) {
      writeTo(out.stream(), arrays);
      out.commit();
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  private static void writeTo(OutputStream target, Map<String, NpyArray> arrays) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(new NonClosing(target));
    for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
      putStored(zip, e.getKey() + ".npy", Npy.toBytes(e.getValue()));
    }
    zip.finish();
  }

  /**
   * An uncompressed (STORED) member for {@code bytes} with its size and CRC set and the fixed timestamp, so equal
   * content gives equal zip bytes (numpy's savez and fairseq's feature zips both store members uncompressed).
   */
  public static ZipEntry storedEntry(String name, byte[] bytes) {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    entry.setTime(FIXED_TIME);
    return entry;
  }

  /** Adds one uncompressed member with no extra field (its data starts 30 + name bytes after its header). */
  static void putStored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(storedEntry(name, bytes));
    zip.write(bytes);
    zip.closeEntry();
  }

  /** Lets the zip stream finish without closing the atomic output's stream. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
