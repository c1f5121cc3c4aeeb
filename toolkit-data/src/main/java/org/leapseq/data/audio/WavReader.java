// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
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
    int c = h.channels();
    int step = h.bytesPerSample();
    double[] out = new double[h.frames()];
    int pos = h.dataOffset();
    for (int i = 0; i < out.length; i++) {
      double sum = 0;
      for (int ch = 0; ch < c; ch++, pos += step) {
        sum += sample(b, pos, h);
      }
      out[i] = c == 1 ? sum : sum / c;
    }
    return new Waveform(out, h.sampleRate());
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
