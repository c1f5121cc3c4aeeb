// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.indexed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * Writes a fairseq {@code MMapIndexedDataset} ({@code <prefix>.bin} and {@code <prefix>.idx}), byte-identical to
 * {@code MMapIndexedDatasetBuilder}. Both files are written under temporary names and renamed into place by
 * {@link #finish()} ({@code .bin} first, then {@code .idx}); closing without {@code finish()} leaves nothing under
 * the final names. Not thread-safe.
 */
public final class MmapIndexedDatasetBuilder implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 20;

  private final Path prefix;
  private final DType type;
  private final AtomicOutput bin;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private int[] sizes = new int[1024];
  private int count;
  private boolean done;
  private boolean failed;

  /** Starts {@code prefix.bin}; {@link DType#DOUBLE} is written as {@link DType#FLOAT64} like fairseq. */
  public MmapIndexedDatasetBuilder(Path prefix, DType dtype) {
    this.prefix = prefix;
    this.type = dtype.canonical();
    this.bin = AtomicOutput.create(IndexFile.withSuffix(prefix, ".bin"));
  }

  /** Appends an item holding {@code ids[0, length)}; a value outside the dtype's range is an error. */
  public void add(int[] ids, int length) {
    checkOpen();
    if (length < 0 || length > ids.length) {
      throw new IndexOutOfBoundsException("length " + length + " outside 0.." + ids.length);
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < length; i++) {
      min = Math.min(min, ids[i]);
      max = Math.max(max, ids[i]);
    }
    if (length > 0 && (min < type.minValue() || max > type.maxValue())) {
      throw outOfRange(min < type.minValue() ? min : max);
    }
    for (int off = 0; off < length; ) {
      int n = Math.min(length - off, room());
      Codec.encode(type, ids, off, n, buffer);
      off += n;
    }
    addSize(length);
  }

  /** Appends an item holding all of {@code ids}; a value outside the dtype's range is an error. */
  public void add(long[] ids) {
    checkOpen();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long v : ids) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (ids.length > 0 && (min < type.minValue() || max > type.maxValue())) {
      throw outOfRange(min < type.minValue() ? min : max);
    }
    for (int off = 0; off < ids.length; ) {
      int n = Math.min(ids.length - off, room());
      Codec.encode(type, ids, off, n, buffer);
      off += n;
    }
    addSize(ids.length);
  }

  /**
   * Appends every item of the mmap dataset at {@code otherPrefix}, which must have the same dtype, copying its
   * data bytes directly (fairseq's {@code merge_file_}).
   */
  public void merge(Path otherPrefix) {
    checkOpen();
    try (MmapIndexedDataset other = MmapIndexedDataset.open(otherPrefix)) {
      if (other.dtype().canonical() != type) {
        throw LeapseqException.of("%s: dtype %s does not match %s being built with dtype %s",
            IndexFile.withSuffix(otherPrefix, ".idx"), other.dtype().numpyName(), bin.target(), type.numpyName());
      }
      copyItems(other, IndexFile.withSuffix(otherPrefix, ".bin"));
    }
  }

  private void copyItems(MmapIndexedDataset other, Path otherBin) {
    flush();
    try (FileChannel src = FileChannel.open(otherBin, StandardOpenOption.READ)) {
      FileChannel dst = bin.channel();
      int i = 0;
      while (i < other.size()) {
        long start = other.pointer(i);
        long end = start;
        for (; i < other.size() && other.pointer(i) == end; i++) {
          end += (long) other.itemLength(i) * type.itemSize();
          addSize(other.itemLength(i));
        }
        transfer(src, start, end - start, dst);
      }
    } catch (IOException e) {
      failed = true;
      throw new LeapseqException(bin.target() + ": cannot merge " + otherBin + ": " + IoErrors.describe(e), e);
    }
  }

  private static void transfer(FileChannel src, long start, long n, FileChannel dst) throws IOException {
    for (long done = 0; done < n; ) {
      long k = src.transferTo(start + done, n - done, dst);
      if (k <= 0) {
        throw new IOException("unexpected end of file at byte " + (start + done));
      }
      done += k;
    }
  }

  /** Writes the index and renames {@code .bin}, then {@code .idx}, into place. */
  public void finish() {
    checkOpen();
    flush();
    bin.commit();
    done = true;
    try (AtomicOutput idx = AtomicOutput.create(IndexFile.withSuffix(prefix, ".idx"))) {
      writeIndex(idx);
      idx.commit();
    } catch (IOException e) {
      throw new LeapseqException(
          IndexFile.withSuffix(prefix, ".idx") + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  private void writeIndex(AtomicOutput idx) throws IOException {
    OutputStream out = idx.stream();
    buffer.put(MmapIndexedDataset.MAGIC).putLong(1).put((byte) type.code()).putLong(count);
    for (int i = 0; i < count; i++) {
      reserve(4, out).putInt(sizes[i]);
    }
    long pointer = 0;
    for (int i = 0; i < count; i++) {
      reserve(8, out).putLong(pointer);
      pointer += (long) sizes[i] * type.itemSize();
    }
    out.write(buffer.array(), 0, buffer.position());
    buffer.clear();
  }

  private ByteBuffer reserve(int bytes, OutputStream out) throws IOException {
    if (buffer.remaining() < bytes) {
      out.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
    return buffer;
  }

  /** Elements that fit in the buffer now, at least one (flushing first if needed). */
  private int room() {
    if (buffer.remaining() < type.itemSize()) {
      flush();
    }
    return buffer.remaining() / type.itemSize();
  }

  private void flush() {
    try {
      reserve(BUFFER_BYTES, bin.stream());
    } catch (IOException e) {
      failed = true;
      throw new LeapseqException(bin.target() + ": cannot write: " + IoErrors.describe(e), e);
    }
  }

  private void addSize(int length) {
    if (count == sizes.length) {
      if (count == Integer.MAX_VALUE - 8) {
        throw LeapseqException.of("%s: more than %d items are not supported", bin.target(), count);
      }
      sizes = Arrays.copyOf(sizes, (int) Math.min(Integer.MAX_VALUE - 8, 2L * count));
    }
    sizes[count++] = length;
  }

  private LeapseqException outOfRange(long value) {
    return LeapseqException.of("%s: value %d does not fit dtype %s (%d..%d)", bin.target(), value,
        type.numpyName(), type.minValue(), type.maxValue());
  }

  private void checkOpen() {
    if (done || failed) {
      throw new IllegalStateException(bin.target() + ": builder already " + (done ? "finished" : "failed"));
    }
  }

  /** Deletes the temporary files unless {@link #finish()} completed. */
  @Override
  public void close() {
    done = true;
    bin.close();
  }
}
