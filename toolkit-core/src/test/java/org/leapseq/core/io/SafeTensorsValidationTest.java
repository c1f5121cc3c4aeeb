// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leapseq.core.LeapseqException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Malformed files fail with one-line errors naming the file; corrupted copies never escape as other exceptions. */
class SafeTensorsValidationTest {
  private static final String OK_ENTRY = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

  private static final String JSONISH = "{}[],:\"0123456789- ";

  @TempDir Path dir;

  /** Reads {@code bytes} from a file and returns the error, failing if the read succeeds or fails otherwise. */
  private String errorFor(byte[] bytes) {
    Path f = RawFiles.write(dir.resolve("bad.safetensors"), bytes);
    try {
      SafeTensors.read(f);
    } catch (LeapseqException e) {
      assertOneLineNaming(f, e);
      return e.getMessage();
    }
    return fail("read succeeded");
  }

  private static void assertOneLineNaming(Path f, LeapseqException e) {
    String m = e.getMessage();
    assertTrue(m.startsWith(f.toString() + ": "), m);
    assertFalse(m.contains("\n") || m.contains("\r"), m);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json                                                          | not valid JSON",
        "[1,2]                                                             | not a JSON object",
        "{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}                    | \"dtype\"",
        "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}                | \"shape\" is missing",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}                         | \"data_offsets\" is missing",
        "{\"a\":{\"dtype\":\"Q8\",\"shape\":[2],\"data_offsets\":[0,8]}}   | unsupported dtype \"Q8\"",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}} | negative value -2",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}| not a 64-bit integer",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}  | needs 12",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}} | run past the end",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}  | cover 4 bytes",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}  | begin after they end",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}  | leave a gap",
        "{\"a\":" + OK_ENTRY + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}} | overlap",
        "{\"a\":" + OK_ENTRY + ",\"a\":" + OK_ENTRY + "}                   | Duplicate field",
        "{\"__metadata__\":{\"k\":1},\"a\":" + OK_ENTRY + "}               | not a string",
        "{\"__metadata__\":[],\"a\":" + OK_ENTRY + "}                      | __metadata__ is not",
        "{\"a\":" + OK_ENTRY + "} x                                        | not valid JSON",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}} | too large",
      })
  void rejectsMalformedHeaders(String header, String expected) {
    String message = errorFor(RawFiles.bytes(header.strip(), RawFiles.floats(1f, 2f)));
    assertTrue(message.contains(expected.strip()), message);
  }

  @Test
  void rejectsBadHeaderLengths() {
    assertTrue(errorFor(new byte[] {1, 0, 0}).contains("too short"));
    byte[] valid = RawFiles.bytes("{\"a\":" + OK_ENTRY + "}", RawFiles.floats(1f, 2f));
    ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).putLong(0, valid.length);
    assertTrue(errorFor(valid).contains("runs past the end"));
    ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 200_000_000L);
    assertTrue(errorFor(valid).contains("exceeds the limit"));
    ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
    assertTrue(errorFor(valid).contains("18446744073709551615"));
  }

  @Test
  void rejectsInvalidUtf8AndNamesStayOnOneLine() {
    byte[] bad = RawFiles.bytes("{\"a\":" + OK_ENTRY + "}", RawFiles.floats(1f, 2f));
    bad[10] = (byte) 0xff;
    assertTrue(errorFor(bad).contains("UTF-8"));
    String message = errorFor(RawFiles.bytes("{\"x\\ny\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8]}}",
        RawFiles.floats(1f, 2f)));
    assertTrue(message.contains("\"x\\u000ay\""), message);
  }

  @Test
  void missingFilesAndDirectoriesAreOneLineErrors() {
    for (Path p : new Path[] {dir.resolve("absent.safetensors"), dir}) {
      try {
        SafeTensors.read(p);
        fail("read succeeded");
      } catch (LeapseqException e) {
        assertOneLineNaming(p, e);
      }
    }
  }

  @Test
  void corruptedCopiesFailCleanlyOrRead() throws Exception {
    byte[] valid = validFile();
    int failures = 0;
    for (int len = 0; len < valid.length; len++) {
      failures += outcome(Arrays.copyOf(valid, len));
    }
    assertEquals(valid.length, failures, "every truncation must fail");
    Random random = new Random(20240601L);
    int headerEnd = 8 + headerLength(valid);
    for (int trial = 0; trial < 3000; trial++) {
      byte[] copy = valid.clone();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(trial % 2 == 0 ? headerEnd : copy.length);
        copy[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) JSONISH.charAt(random.nextInt(19));
      }
      outcome(copy);
    }
  }

  /** 1 if reading {@code bytes} failed with a clean one-line error, 0 if it succeeded; anything else fails. */
  private int outcome(byte[] bytes) throws Exception {
    Path f = dir.resolve("fuzz.safetensors");
    Files.write(f, bytes);
    try {
      SafeTensors.read(f);
      return 0;
    } catch (LeapseqException e) {
      assertOneLineNaming(f, e);
      return 1;
    }
  }

  private static int headerLength(byte[] file) {
    return (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private byte[] validFile() throws Exception {
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    tensors.put("w", Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.FLOAT));
    tensors.put("d", Nd4j.scalar(2.5));
    tensors.put("i", Nd4j.create(new int[] {7, 8}, new long[] {2}, DataType.INT));
    tensors.put("l", Nd4j.create(new long[] {9}, new long[] {1}, DataType.LONG));
    tensors.put("e", Nd4j.create(DataType.FLOAT, 0, 2));
    Path f = dir.resolve("valid.safetensors");
    SafeTensors.write(f, tensors, Map.of("format", "pt"));
    return Files.readAllBytes(f);
  }
}
