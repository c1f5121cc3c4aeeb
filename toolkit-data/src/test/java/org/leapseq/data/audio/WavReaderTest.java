// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.leapseq.core.LeapseqException;

/** Against torchaudio.load (sox) x 32768, channel mean; plus synthetic headers for the other encodings. */
class WavReaderTest {
  static java.util.List<String> wavs() {
    return Fixtures.WAVS;
  }

  /** soundfile's read(start=, frames=): the same samples as a slice of the whole file, cut short at the end. */
  @ParameterizedTest
  @MethodSource("wavs")
  void rangesAreSlicesOfTheWholeFile(String stem) {
    Path f = Fixtures.file(stem + ".wav");
    Waveform all = WavReader.read(f);
    int n = all.length();
    assertEquals(all.sampleRate(), WavReader.sampleRate(f));
    assertArrayEquals(Arrays.copyOfRange(all.samples(), 100, 1100), WavReader.read(f, 100, 1000).samples());
    assertArrayEquals(Arrays.copyOfRange(all.samples(), n - 10, n), WavReader.read(f, n - 10, 1000).samples());
    assertArrayEquals(all.samples(), WavReader.read(f, 0, -1).samples());
    assertEquals(0, WavReader.read(f, n + 5, 10).length());
    assertEquals(all.sampleRate(), WavReader.read(f, 7, 3).sampleRate());
  }

  @ParameterizedTest
  @MethodSource("wavs")
  void samplesEqualTorchaudioLoad(String stem) {
    Waveform w = WavReader.read(Fixtures.file(stem + ".wav"));
    JsonNode ref = Fixtures.json(stem + ".json");
    assertEquals(ref.get("sample_rate").asInt(), w.sampleRate());
    assertEquals(ref.get("samples").asInt(), w.length());
    double sum = 0;
    double sq = 0;
    for (double v : w.samples()) {
      sum += v;
      sq += v * v;
    }
    assertEquals(ref.get("sum").asDouble(), sum, 1e-6 * Math.max(1, Math.abs(ref.get("sum").asDouble())));
    assertEquals(ref.get("sum_squares").asDouble(), sq, 1e-9 * ref.get("sum_squares").asDouble());
    for (int i = 0; i < ref.get("head").size(); i++) {
      assertEquals(ref.get("head").get(i).asDouble(), w.samples()[i], 1e-9, stem + " sample " + i);
    }
  }

  @Test
  void espeakStdoutPlaceholderSizesAreClamped() throws IOException {
    byte[] b = Files.readAllBytes(Fixtures.file("espeak-stdout-22k.wav"));
    ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x7FFFF024, h.getInt(4));
    assertEquals(0x7FFFF000, h.getInt(40));
    assertEquals((b.length - 44) / 2, WavReader.decode(b, "x.wav").length());
    // an odd trailing byte is dropped, not read as half a sample
    assertEquals((b.length - 44) / 2, WavReader.decode(Arrays.copyOf(b, b.length + 1), "x.wav").length());
    // a streamed header with data size 0 reads to the end too
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0);
    assertEquals((b.length - 44) / 2, WavReader.decode(b, "x.wav").length());
  }

  @Test
  void everyPcmWidthAndFloatMapToTheInt16Scale() {
    // one frame per value; expected int16-scale values as soundfile(float32) * 32768 gives them
    assertArrayEquals(new double[] {-32768, 0, 256, 32512},
        decode(1, 8, 1, new byte[] {0, (byte) 128, (byte) 129, (byte) 255}).samples());
    assertArrayEquals(new double[] {-32768, -1, 32767}, decode(1, 16, 1, le(2, -32768, -1, 32767)).samples());
    assertArrayEquals(new double[] {-32768, 1 / 256.0, 32767 + 255 / 256.0},
        decode(1, 24, 1, le(3, -8388608, 1, 8388607)).samples());
    assertArrayEquals(new double[] {-32768, 1 / 65536.0}, decode(1, 32, 1, le(4, Integer.MIN_VALUE, 1)).samples());
    ByteBuffer f = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-1f);
    assertArrayEquals(new double[] {16384, -32768}, decode(3, 32, 1, f.array()).samples());
    // WAVE_FORMAT_EXTENSIBLE float, stereo: the channel mean
    ByteBuffer s = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(0.25f)
        .putFloat(-1f).putFloat(0f);
    Waveform ext = WavReader.decode(wav(0xFFFE, 32, 2, 3, s.array()), "ext.wav");
    assertArrayEquals(new double[] {12288, -16384}, ext.samples());
    assertEquals(44100, ext.sampleRate());
  }

  @Test
  void otherContainersAndBrokenFilesGiveOneLineErrors(@TempDir Path dir) throws IOException {
    assertMessage(dir, "a.ogg", "OggS\0\2junk".getBytes(), "Ogg audio", "sox in.ogg -r 16000 -c 1 out.wav");
    assertMessage(dir, "a.flac", "fLaCjunk".getBytes(), "FLAC audio", "sox in.flac");
    assertMessage(dir, "a.mp3", "ID3\3junk".getBytes(), "MP3 audio", "sox in.mp3");
    assertMessage(dir, "e.wav", new byte[0], "empty file", "");
    assertMessage(dir, "t.txt", "hello world, not audio".getBytes(), "not a WAV file", "sox");
    byte[] good = wav(1, 16, 1, 1, le(2, 1, 2, 3));
    assertMessage(dir, "h.wav", Arrays.copyOf(good, 30), "truncated", "");
    assertMessage(dir, "n.wav", Arrays.copyOf(good, 44), "no audio samples", "");
    assertMessage(dir, "u.wav", wav(2, 4, 1, 1, new byte[8]), "unsupported WAV encoding (format tag 2", "sox");
    LeapseqException e = assertThrows(LeapseqException.class, () -> WavReader.read(dir.resolve("missing.wav")));
    assertTrue(e.getMessage().endsWith("missing.wav: cannot read: no such file or directory"), e.getMessage());
  }

  private static void assertMessage(Path dir, String name, byte[] bytes, String what, String hint)
      throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    LeapseqException e = assertThrows(LeapseqException.class, () -> WavReader.read(p));
    assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(what) && e.getMessage().contains(hint), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  private static Waveform decode(int format, int bits, int channels, byte[] data) {
    return WavReader.decode(wav(format, bits, channels, 1, data), "t.wav");
  }

  /** A WAV file; format 0xFFFE writes the 40-byte extensible fmt chunk with the subformat {@code sub}. */
  static byte[] wav(int format, int bits, int channels, int sub, byte[] data) {
    boolean ext = format == 0xFFFE;
    int fmtSize = ext ? 40 : 16;
    ByteBuffer b = ByteBuffer.allocate(20 + fmtSize + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(fmtSize).putShort((short) format).putShort((short) channels)
        .putInt(ext ? 44100 : 16000).putInt(0).putShort((short) (channels * bits / 8)).putShort((short) bits);
    if (ext) {
      b.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) sub).put(new byte[14]);
    }
    b.put("data".getBytes()).putInt(data.length).put(data);
    return b.array();
  }

  private static byte[] le(int width, int... values) {
    ByteBuffer b = ByteBuffer.allocate(width * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      for (int i = 0; i < width; i++) {
        b.put((byte) (v >> (8 * i)));
      }
    }
    return b.array();
  }
}
