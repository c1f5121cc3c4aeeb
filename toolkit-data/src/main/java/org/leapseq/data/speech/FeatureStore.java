// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.speech;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.audio.FbankConfig;
import org.leapseq.data.audio.KaldiFbank;
import org.leapseq.data.audio.WavReader;
import org.leapseq.data.npy.Npy;
import org.leapseq.data.npy.NpyArray;

/**
 * Reads the features an {@link AudioPath} points at: a {@code .npy} file, or the {@code .npy} bytes at
 * {@code offset:length} inside a stored zip (fairseq's {@code read_from_stored_zip} + {@code is_npy_data}).
 * {@link #features} also accepts WAV data there, as fairseq's {@code get_features_or_waveform} does, and computes
 * its fbank on the fly.
 */
public final class FeatureStore {
  private FeatureStore() {}

  /**
   * Features [T, D] at {@code path}: stored .npy data, or else WAV data (a .wav file or a WAV member of a stored
   * zip) turned into fairseq's fbank with {@code config} at the audio's own rate.
   */
  public static double[][] features(AudioPath path, FbankConfig config) {
    ByteBuffer b = bytes(path);
    String name = path.format(null);
    if (Npy.isNpy(b)) {
      return Npy.parse(b, name).toMatrix();
    }
    byte[] wav = new byte[b.remaining()];
    b.get(wav);
    return KaldiFbank.compute(WavReader.decode(wav, name), config); // non-WAV audio fails naming the sox command
  }

  /** The array at {@code path}; bytes that are not npy data (a compressed member, a wrong offset) fail. */
  public static NpyArray read(AudioPath path) {
    ByteBuffer b = bytes(path);
    String name = path.format(null);
    if (!Npy.isNpy(b)) {
      throw new LeapseqException(name + ": no .npy data " + (path.isSlice() ? "at that offset (expected an "
          + "uncompressed zip member written by toolkit-fbank or fairseq's create_zip)" : "(no \\x93NUMPY magic)"));
    }
    return Npy.parse(b, name);
  }

  /** The whole file, or the slice's bytes. */
  private static ByteBuffer bytes(AudioPath path) {
    String name = path.format(null);
    if (!path.isSlice()) {
      try {
        return ByteBuffer.wrap(java.nio.file.Files.readAllBytes(path.file()));
      } catch (IOException e) {
        throw new LeapseqException(name + ": cannot read: " + IoErrors.describe(e), e);
      }
    }
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
      return b;
    } catch (IOException e) {
      throw new LeapseqException(path.file() + ": cannot read: " + IoErrors.describe(e), e);
    }
  }
}
