// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leapseq.core.LeapseqException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SafeTensorsTest {
  @TempDir Path dir;

  private SafeTensorFile roundTrip(Map<String, INDArray> tensors, Map<String, String> metadata) {
    Path f = dir.resolve("t.safetensors");
    SafeTensors.write(f, tensors, metadata);
    return SafeTensors.read(f);
  }

  private static void assertSame(INDArray expected, INDArray actual) {
    assertEquals(expected.dataType(), actual.dataType());
    assertArrayEquals(expected.shape(), actual.shape());
    assertEquals(expected.dup('c'), actual);
  }

  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT", "LONG", "INT"})
  void roundTripsEachWritableType(DataType type) {
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    double[] values = {1, -2, 3.5, 4, 5, -6e3};
    tensors.put("matrix", Nd4j.create(values, new long[] {2, 3}, DataType.DOUBLE).castTo(type));
    tensors.put("scalar", Nd4j.scalar(7.0).castTo(type));
    tensors.put("empty", Nd4j.create(type, 0, 3));
    tensors.put("cube", Nd4j.linspace(1, 24, 24, DataType.DOUBLE).reshape('c', 2, 3, 4).castTo(type));
    SafeTensorFile back = roundTrip(tensors, Map.of());
    assertEquals(tensors.keySet(), back.tensors().keySet());
    for (String name : tensors.keySet()) {
      assertSame(tensors.get(name), back.get(name));
    }
    assertEquals(0, back.get("scalar").rank());
    assertTrue(back.get("empty").isEmpty());
  }

  @Test
  void roundTripsFullPrecisionAndExtremes() {
    double[] d = {Math.PI, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Double.NaN};
    long[] l = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    tensors.put("d", Nd4j.create(d, new long[] {6}, DataType.DOUBLE));
    tensors.put("l", Nd4j.create(l, new long[] {4}, DataType.LONG));
    SafeTensorFile back = roundTrip(tensors, Map.of());
    double[] got = back.get("d").toDoubleVector();
    for (int i = 0; i < d.length; i++) {
      assertEquals(Double.doubleToRawLongBits(d[i]), Double.doubleToRawLongBits(got[i]), "element " + i);
    }
    assertArrayEquals(l, back.get("l").toLongVector());
  }

  @Test
  void writesViewsInRowMajorOrder() {
    float[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    INDArray base = Nd4j.create(values, new long[] {3, 4}, DataType.FLOAT);
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    tensors.put("transposed", base.transpose());
    tensors.put("fortran", base.dup('f'));
    tensors.put("column", base.getColumn(2));
    tensors.put("rows", base.get(NDArrayIndex.interval(1, 3)));
    SafeTensorFile back = roundTrip(tensors, Map.of());
    float[] transposed = {1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12};
    assertArrayEquals(transposed, back.get("transposed").reshape(12).toFloatVector());
    for (String name : tensors.keySet()) {
      assertSame(tensors.get(name), back.get(name));
    }
  }

  @Test
  void roundTripsMetadata() {
    Map<String, String> metadata = Map.of("format", "pt", "note", "héllo \"quoted\"\nline", "", "empty key");
    SafeTensorFile back = roundTrip(Map.of("x", Nd4j.scalar(1.0f)), metadata);
    assertEquals(metadata, back.metadata());
    assertEquals(Map.of(), roundTrip(Map.of("x", Nd4j.scalar(1.0f)), Map.of()).metadata());
  }

  @Test
  void writesTheExactReferenceBytes() throws IOException {
    Path f = dir.resolve("a.safetensors");
    SafeTensors.write(f, Map.of("a", Nd4j.create(new float[] {1, 2}, new long[] {2}, DataType.FLOAT)), Map.of());
    String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
    assertEquals(54, json.length());
    byte[] expected = new byte[8 + 56 + 8];
    expected[0] = 56;
    System.arraycopy((json + "  ").getBytes(StandardCharsets.US_ASCII), 0, expected, 8, 56);
    System.arraycopy(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40}, 0, expected, 64, 8);
    assertArrayEquals(expected, Files.readAllBytes(f));
  }

  @Test
  void writesMetadataFirstAndTensorsSortedByName() throws IOException {
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    tensors.put("b", Nd4j.scalar(2.0));
    tensors.put("a", Nd4j.create(new int[] {3}, new long[] {1}, DataType.INT));
    Path f = dir.resolve("m.safetensors");
    SafeTensors.write(f, tensors, Map.of("z", "1", "y", "2"));
    String json =
        "{\"__metadata__\":{\"y\":\"2\",\"z\":\"1\"},\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"b\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[4,12]}}";
    byte[] bytes = Files.readAllBytes(f);
    int n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertEquals(0, n % 8);
    assertEquals(json, new String(bytes, 8, n, StandardCharsets.UTF_8).stripTrailing());
    assertEquals(8 + n + 12, bytes.length);
    assertEquals(List.of("a", "b"), List.copyOf(SafeTensors.read(f).tensors().keySet()));
  }

  @Test
  void rejectsUnwritableTensors() {
    Path f = dir.resolve("bad.safetensors");
    Map<String, INDArray> halves = Map.of("h", Nd4j.scalar(1.0f).castTo(DataType.HALF));
    LeapseqException half = assertThrows(LeapseqException.class, () -> SafeTensors.write(f, halves, Map.of()));
    assertTrue(half.getMessage().contains("HALF"), half.getMessage());
    assertThrows(
        LeapseqException.class, () -> SafeTensors.write(f, Map.of("__metadata__", Nd4j.scalar(1.0f)), Map.of()));
    assertTrue(Files.notExists(f));
  }

  @Test
  void readsHeaderOrderAndIgnoresPaddingWhitespace() {
    String header =
        "{\"z\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}   ";
    Path f = RawFiles.write(dir.resolve("o.safetensors"), RawFiles.bytes(header, RawFiles.floats(1f, 2f)));
    SafeTensorFile st = SafeTensors.read(f);
    assertEquals(List.of("z", "a"), List.copyOf(st.tensors().keySet()));
    assertEquals(2f, st.get("z").getFloat(0));
    assertEquals(1f, st.get("a").getFloat(0));
  }
}
