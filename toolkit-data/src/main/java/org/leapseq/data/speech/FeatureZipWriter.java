// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.npy.Npy;
import org.leapseq.data.npy.NpyArray;
import org.leapseq.data.npy.Npz;

/**
 * Writes fairseq's feature store: a ZIP_STORED archive of {@code ID.npy} members (what {@code create_zip} makes
 * from {@code fbank80/}), returning each member's {@link AudioPath} ({@code zip:offset:length}, where offset is
 * the local header offset + 30 + the name's length, as {@code get_zip_manifest} computes it: members carry no extra
 * field). Written under a temporary name and renamed by {@link #commit()}. Not thread-safe.
 */
public final class FeatureZipWriter implements AutoCloseable {
  private final AtomicOutput out;
  private final Counting counter;
  private final ZipOutputStream zip;
  private final Set<String> names = new HashSet<>();

  private FeatureZipWriter(AtomicOutput out) {
    this.out = out;
    this.counter = new Counting(out.stream());
    this.zip = new ZipOutputStream(counter);
  }

  public static FeatureZipWriter create(Path zipFile) {
    return new FeatureZipWriter(AtomicOutput.create(zipFile));
  }

  /** Adds {@code id.npy}; ids must be unique. */
  public AudioPath add(String id, NpyArray features) {
    String name = id + ".npy";
    if (!names.add(name)) {
      throw new LeapseqException(out.target() + ": duplicate utterance id '" + id + "'");
    }
    byte[] bytes = Npy.toBytes(features);
    ZipEntry entry = Npz.storedEntry(name, bytes);
    try {
      long header = counter.count;
      zip.putNextEntry(entry);
      long offset = counter.count;
      if (offset != header + 30 + name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length) {
        throw new IllegalStateException("zip member " + name + " got an extra field");
      }
      zip.write(bytes);
      zip.closeEntry();
      return new AudioPath(out.target(), offset, bytes.length);
    } catch (IOException e) {
      throw new LeapseqException(out.target() + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  /** Writes the central directory and renames the archive into place. */
  public void commit() {
    try {
      zip.finish();
    } catch (IOException e) {
      throw new LeapseqException(out.target() + ": cannot write: " + IoErrors.describe(e), e);
    }
    out.commit();
  }

  @Override
  public void close() {
    out.close();
  }

  /** Counts bytes on their way to the atomic output; close does not close it (AtomicOutput does). */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
