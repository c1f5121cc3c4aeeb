// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class HalfFloatsTest {
  @TempDir Path dir;

  @Test
  void halfNormalValues() {
    assertEquals(1.0f, HalfFloats.halfToFloat(0x3C00));
    assertEquals(-2.0f, HalfFloats.halfToFloat(0xC000));
    assertEquals(65504.0f, HalfFloats.halfToFloat(0x7BFF));
    assertEquals(0.333251953125f, HalfFloats.halfToFloat(0x3555));
    assertEquals(6.103515625e-5f, HalfFloats.halfToFloat(0x0400));
  }

  @Test
  void halfZerosAndSubnormals() {
    assertEquals(Float.floatToIntBits(0.0f), Float.floatToIntBits(HalfFloats.halfToFloat(0x0000)));
    assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(HalfFloats.halfToFloat(0x8000)));
    assertEquals(5.960464477539063e-8, HalfFloats.halfToFloat(0x0001), 0.0);
    assertEquals(-5.960464477539063e-8, HalfFloats.halfToFloat(0x8001), 0.0);
    assertEquals(6.097555160522461e-5, HalfFloats.halfToFloat(0x03FF), 0.0);
  }

  @Test
  void halfInfinitiesAndNaN() {
    assertEquals(Float.POSITIVE_INFINITY, HalfFloats.halfToFloat(0x7C00));
    assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.halfToFloat(0xFC00));
    assertTrue(Float.isNaN(HalfFloats.halfToFloat(0x7E00)));
    assertTrue(Float.isNaN(HalfFloats.halfToFloat(0x7C01)));
  }

  @Test
  void bfloat16Values() {
    assertEquals(1.0f, HalfFloats.bfloat16ToFloat(0x3F80));
    assertEquals(-2.0f, HalfFloats.bfloat16ToFloat(0xC000));
    assertEquals(Float.POSITIVE_INFINITY, HalfFloats.bfloat16ToFloat(0x7F80));
    assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.bfloat16ToFloat(0xFF80));
    assertTrue(Float.isNaN(HalfFloats.bfloat16ToFloat(0x7FC0)));
    assertEquals(0x1p-133f, HalfFloats.bfloat16ToFloat(0x0001));
  }

  @Test
  void filesWithHalfPrecisionLoadAsFloat() {
    String header =
        "{\"h\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[8,14]}}";
    byte[] data = new byte[14];
    System.arraycopy(RawFiles.shorts(0x3C00, 0xC000, 0x7BFF, 0x0001), 0, data, 0, 8);
    System.arraycopy(RawFiles.shorts(0x3F80, 0xC000, 0x7F80), 0, data, 8, 6);
    Path f = RawFiles.write(dir.resolve("half.safetensors"), RawFiles.bytes(header, data));
    SafeTensorFile st = SafeTensors.read(f);
    INDArray h = st.get("h");
    assertEquals(DataType.FLOAT, h.dataType());
    assertArrayEquals(new long[] {2, 2}, h.shape());
    assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f}, h.reshape(4).toFloatVector());
    INDArray b = st.get("b");
    assertEquals(DataType.FLOAT, b.dataType());
    assertArrayEquals(new float[] {1f, -2f, Float.POSITIVE_INFINITY}, b.toFloatVector());
  }
}
