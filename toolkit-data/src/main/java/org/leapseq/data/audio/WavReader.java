// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;

/**
 * Reads a WAV file into a mono {@link Waveform} on the int16 scale, the input fairseq gives Kaldi's fbank
 * ({@code soundfile.read(dtype="float32")}, channels averaged, times 32768): 16-bit PCM keeps its integer
 * values, 8-bit unsigned PCM becomes (v - 128) * 256, 24- and 32-bit PCM are divided by 2^8 and 2^16, and float
 * samples are multiplied by 32768. A file that is not WAV (Ogg, FLAC, MP3, AIFF), is empty or truncated fails
 * with a one-line error naming it and saying how to convert it.
 */
public final class WavReader {
  private static final int HEAD_BYTES = 1 << 16;

  private WavReader() {}

  /** Decodes {@code file}. */
  public static Waveform read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
    return decode(bytes, file.toString());
  }

  /** Decodes WAV bytes; {@code name} is used in error messages. */
  public static Waveform decode(byte[] bytes, String name) {
    WavHeader h = WavHeader.parse(bytes, name);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return new Waveform(samples(b, h.dataOffset(), h, h.frames()), h.sampleRate());
  }

  /** The sample rate in {@code file}'s header (fairseq's {@code torchaudio.info(path).rate}). */
  public static int sampleRate(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return header(ch, file.toString()).sampleRate();
    } catch (IOException e) {
      throw new LeapseqException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
  }

  /**
   * Decodes {@code frames} samples starting at sample {@code start} without reading the rest of the file, as
   * soundfile's {@code read(start=, frames=)} and {@code torchaudio.load(offset=, num_frames=)} do: a range that
   * runs past the end is cut short there (possibly to nothing); {@code frames < 0} reads to the end.
   */
  public static Waveform read(Path file, long start, long frames) {
    if (start < 0) {
      throw new LeapseqException(file + ": negative start sample " + start);
    }
    String name = file.toString();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      WavHeader h = header(ch, name);
      long from = Math.min(start, h.frames());
      int n = (int) (frames < 0 ? h.frames() - from : Math.min(frames, h.frames() - from));
      int block = h.channels() * h.bytesPerSample();
      ByteBuffer b = ByteBuffer.allocate(n * block).order(ByteOrder.LITTLE_ENDIAN);
      long pos = h.dataOffset() + from * block;
      while (b.hasRemaining()) {
        if (ch.read(b, pos + b.position()) < 0) {
          throw new LeapseqException(name + ": unexpected end of file");
        }
      }
      return new Waveform(samples(b, 0, h, n), h.sampleRate());
    } catch (IOException e) {
      throw new LeapseqException(name + ": cannot read: " + IoErrors.describe(e), e);
    }
  }

  /** The header, from the first 64 KiB, or from the whole file when other chunks push the data chunk further. */
  private static WavHeader header(FileChannel ch, String name) throws IOException {
    long size = ch.size();
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEAD_BYTES));
    while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
      // read the prefix
    }
    try {
      return WavHeader.parse(head.array(), size, name);
    } catch (LeapseqException e) {
      if (size <= HEAD_BYTES || size > Integer.MAX_VALUE) {
        throw e;
      }
      ByteBuffer all = ByteBuffer.allocate((int) size);
      while (all.hasRemaining() && ch.read(all, all.position()) >= 0) {
        // read everything
      }
      return WavHeader.parse(all.array(), size, name);
    }
  }

  /** n mono samples from the interleaved frames at {@code pos}: the channel mean on the int16 scale. */
  private static double[] samples(ByteBuffer b, int pos, WavHeader h, int n) {
    int c = h.channels();
    int step = h.bytesPerSample();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int ch = 0; ch < c; ch++, pos += step) {
        sum += sample(b, pos, h);
      }
      out[i] = c == 1 ? sum : sum / c;
    }
    return out;
  }

  private static double sample(ByteBuffer b, int pos, WavHeader h) {
    if (h.encoding() == WavHeader.Encoding.FLOAT) {
      return (h.bitsPerSample() == 32 ? b.getFloat(pos) : b.getDouble(pos)) * 32768.0;
    }
    return switch (h.bitsPerSample()) {
      case 8 -> ((b.get(pos) & 0xff) - 128) * 256.0;
      case 16 -> b.getShort(pos);
      case 24 -> ((b.get(pos) & 0xff) | (b.get(pos + 1) & 0xff) << 8 | b.get(pos + 2) << 16) / 256.0;
      default -> b.getInt(pos) / 65536.0;
    };
  }
}
