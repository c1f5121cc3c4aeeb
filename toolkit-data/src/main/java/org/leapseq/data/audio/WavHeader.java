// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.leapseq.core.LeapseqException;

/**
 * The parts of a RIFF/WAVE header the decoder needs: sample encoding, channels, rate and where the samples are.
 * Sizes that run past the end of the file (espeak-ng {@code --stdout} writes the placeholders 0x7FFFF024 and
 * 0x7FFFF000) are clamped to the bytes actually there, rounded down to whole frames; a data size of 0 followed by
 * bytes (a streamed header) also means "to the end of the file".
 */
record WavHeader(Encoding encoding, int channels, int sampleRate, int bitsPerSample, int dataOffset, int frames) {
  enum Encoding { PCM, FLOAT }

  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_FLOAT = 3;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  int bytesPerSample() {
    return bitsPerSample / 8;
  }

  static WavHeader parse(byte[] bytes, String name) {
    return parse(bytes, bytes.length, name);
  }

  /**
   * Parses the header from the first bytes of a file of {@code fileLength} bytes; the data chunk must start within
   * {@code bytes}, and its size is clamped to the file's length rather than to {@code bytes}.
   */
  static WavHeader parse(byte[] bytes, long fileLength, String name) {
    checkContainer(bytes, name);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12;
    int[] fmt = null;
    while (pos + 8 <= bytes.length) {
      String id = new String(bytes, pos, 4, StandardCharsets.ISO_8859_1);
      long size = b.getInt(pos + 4) & 0xffffffffL;
      int body = pos + 8;
      if (id.equals("fmt ")) {
        fmt = parseFmt(b, body, size, bytes.length, name);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw new LeapseqException(name + ": WAV data chunk comes before its fmt chunk; re-encode it, e.g. "
              + "sox in.wav -b 16 out.wav");
        }
        // streaming writers leave 0 (ffmpeg to a pipe) or 0x7FFFF000 / 0xFFFFFFFF (espeak-ng, sox): use what is there
        long available = fileLength - body;
        return withData(fmt, body, size == 0 ? available : Math.min(size, available), name);
      }
      pos = (int) Math.min(bytes.length, body + size + (size & 1));
    }
    throw new LeapseqException(name + (fmt == null ? ": truncated WAV file: no fmt chunk" : ": truncated WAV file: "
        + "no data chunk") + " within its " + (bytes.length < fileLength ? "first " + bytes.length : fileLength)
        + " bytes");
  }

  private static void checkContainer(byte[] bytes, String name) {
    if (bytes.length == 0) {
      throw new LeapseqException(name + ": empty file, expected a WAV file");
    }
    String magic = new String(bytes, 0, Math.min(4, bytes.length), StandardCharsets.ISO_8859_1);
    String other = magic.equals("OggS") ? "Ogg" : magic.equals("fLaC") ? "FLAC" : magic.startsWith("ID3")
        || (bytes.length > 1 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xe0) == 0xe0) ? "MP3"
        : magic.equals("FORM") ? "AIFF" : magic.equals("RF64") ? "RF64 (64-bit WAV)" : null;
    if (other != null) {
      throw new LeapseqException(name + ": " + other + " audio, expected a RIFF/WAVE file; convert it first, e.g. "
          + "sox in" + extension(other) + " -r 16000 -c 1 out.wav");
    }
    if (bytes.length < 12 || !magic.equals("RIFF")
        || !new String(bytes, 8, 4, StandardCharsets.ISO_8859_1).equals("WAVE")) {
      throw new LeapseqException(name + ": not a WAV file (no RIFF/WAVE header); convert it first, e.g. "
          + "sox in.ext -r 16000 -c 1 out.wav");
    }
  }

  private static String extension(String container) {
    return switch (container) {
      case "Ogg" -> ".ogg";
      case "FLAC" -> ".flac";
      case "MP3" -> ".mp3";
      case "AIFF" -> ".aiff";
      default -> ".wav";
    };
  }

  /** {format, channels, rate, bits}. */
  private static int[] parseFmt(ByteBuffer b, int body, long size, int fileLength, String name) {
    if (size < 16 || body + 16 > fileLength) {
      throw new LeapseqException(name + ": truncated WAV fmt chunk (" + size + " bytes, expected at least 16)");
    }
    int format = b.getShort(body) & 0xffff;
    int channels = b.getShort(body + 2) & 0xffff;
    int rate = b.getInt(body + 4);
    int bits = b.getShort(body + 14) & 0xffff;
    if (format == FORMAT_EXTENSIBLE) {
      if (size < 40 || body + 26 > fileLength) {
        throw new LeapseqException(name + ": truncated WAVE_FORMAT_EXTENSIBLE fmt chunk (" + size
            + " bytes, expected 40)");
      }
      format = b.getShort(body + 24) & 0xffff; // first two bytes of the SubFormat GUID
    }
    return new int[] {format, channels, rate, bits};
  }

  private static WavHeader withData(int[] fmt, int offset, long available, String name) {
    int format = fmt[0];
    int channels = fmt[1];
    int rate = fmt[2];
    int bits = fmt[3];
    Encoding enc = format == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32) ? Encoding.PCM
        : format == FORMAT_FLOAT && (bits == 32 || bits == 64) ? Encoding.FLOAT : null;
    if (enc == null) {
      throw new LeapseqException(name + ": unsupported WAV encoding (format tag " + format + ", " + bits
          + "-bit); expected PCM 8/16/24/32-bit or IEEE float 32/64-bit; convert it, e.g. sox in.wav -b 16 out.wav");
    }
    if (channels < 1 || rate <= 0) {
      throw new LeapseqException(name + ": bad WAV header: " + channels + " channels at " + rate + " Hz");
    }
    long frames = available / ((long) channels * (bits / 8));
    if (frames == 0) {
      throw new LeapseqException(name + ": WAV file has no audio samples");
    }
    return new WavHeader(enc, channels, rate, bits, offset, (int) frames);
  }
}
