// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.npy.Npy;
import org.leapseq.data.npy.NpyArray;

/**
 * Reads the features an {@link AudioPath} points at: a {@code .npy} file, or the {@code .npy} bytes at
 * {@code offset:length} inside a stored zip (fairseq's {@code read_from_stored_zip} + {@code is_npy_data}).
 */
public final class FeatureStore {
  private FeatureStore() {}

  /** The array at {@code path}; bytes that are not npy data (a compressed member, a wrong offset) fail. */
  public static NpyArray read(AudioPath path) {
    if (!path.isSlice()) {
      return Npy.read(path.file());
    }
    String name = path.format(null);
    try (FileChannel ch = FileChannel.open(path.file(), StandardOpenOption.READ)) {
      if (path.offset() + path.length() > ch.size()) {
        throw new LeapseqException(name + ": byte range ends at " + (path.offset() + path.length())
            + " but the file has " + ch.size() + " bytes");
      }
      ByteBuffer b = ByteBuffer.allocate((int) path.length());
      while (b.hasRemaining()) {
        if (ch.read(b, path.offset() + b.position()) < 0) {
          throw new LeapseqException(name + ": unexpected end of file");
        }
      }
      b.flip();
      if (!Npy.isNpy(b)) {
        throw new LeapseqException(name + ": no .npy data at that offset (expected an uncompressed zip member "
            + "written by toolkit-fbank or fairseq's create_zip)");
      }
      return Npy.parse(b, name);
    } catch (IOException e) {
      throw new LeapseqException(path.file() + ": cannot read: " + IoErrors.describe(e), e);
    }
  }
}
