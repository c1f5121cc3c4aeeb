// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leapseq.core.LeapseqException;

/**
 * numpy scalars and arrays in fairseq's extra_state are read as data (make_torch_fixtures.py, numpy_extra_state), and
 * every other numpy value is refused.
 */
class NumpyValuesTest {
  @TempDir Path dir;

  private static Map<String, Object> extraState(String fixture) {
    FairseqCheckpoint ck = FairseqCheckpoint.read(Fixtures.file(fixture));
    @SuppressWarnings("unchecked")
    Map<String, Object> extra = (Map<String, Object>) ck.contents().get("extra_state");
    return extra;
  }

  @ParameterizedTest
  @ValueSource(strings = {"fairseq_numpy.pt", "fairseq_numpy_p4.pt", "fairseq_numpy_p5.pt", "fairseq_numpy_legacy.pt"})
  void scalarsBecomeJavaPrimitives(String fixture) {
    Map<String, Object> extra = extraState(fixture);
    assertEquals(2L, extra.get("epoch"));
    assertEquals(-0.1, extra.get("best"));
    assertEquals(3.25, extra.get("val_loss"));
    assertEquals(-7L, extra.get("num_updates"));
    assertEquals(Boolean.TRUE, extra.get("improved"));
    assertEquals(Boolean.FALSE, extra.get("stopped"));
    assertEquals((double) 0.1f, extra.get("loss_scale"));
    assertEquals(-1.5, extra.get("half"));
    assertEquals(-123456L, extra.get("wps"));
    assertEquals(200L, extra.get("tag"));
    assertEquals(BigInteger.TWO.pow(64).subtract(BigInteger.ONE), extra.get("seed_u64"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fairseq_numpy.pt", "fairseq_numpy_p4.pt", "fairseq_numpy_p5.pt", "fairseq_numpy_legacy.pt"})
  void arraysKeepDtypeShapeAndCOrderValues(String fixture) {
    @SuppressWarnings("unchecked")
    Map<String, Object> meters = (Map<String, Object>) extraState(fixture).get("meters");
    NumpyArray scores = (NumpyArray) meters.get("scores");
    assertEquals(NumpyDtype.FLOAT32, scores.dtype());
    assertArrayEquals(new long[] {2, 3}, scores.shape());
    assertArrayEquals(new double[] {-0.5, -0.25, 0, 0.25, 0.5, 0.75}, scores.toDoubles());
    NumpyArray fortran = (NumpyArray) meters.get("fortran");
    assertEquals(NumpyDtype.FLOAT64, fortran.dtype());
    assertArrayEquals(new long[] {2, 3}, fortran.shape());
    assertArrayEquals(new double[] {0, 0.125, 0.25, 0.375, 0.5, 0.625}, fortran.toDoubles());
    NumpyArray bigEndian = (NumpyArray) meters.get("counts_be");
    assertEquals(NumpyDtype.INT32, bigEndian.dtype());
    assertArrayEquals(new long[] {-2, -1, 0, 1}, bigEndian.toLongs());
    NumpyArray mask = (NumpyArray) meters.get("mask");
    assertEquals(NumpyDtype.BOOL, mask.dtype());
    assertArrayEquals(new long[] {1, 0, 1}, mask.toLongs());
    NumpyArray zeroD = (NumpyArray) meters.get("zero_d");
    assertArrayEquals(new long[0], zeroD.shape());
    assertArrayEquals(new double[] {2.5}, zeroD.toDoubles());
    NumpyArray empty = (NumpyArray) meters.get("empty");
    assertArrayEquals(new long[] {0, 3}, empty.shape());
    assertEquals(0, empty.elementCount());
    assertThrows(IllegalStateException.class, scores::toLongs);
  }

  @Test
  void theModelAndArgsAreReadAsWithoutNumpy() {
    FairseqCheckpoint plain = FairseqCheckpoint.read(Fixtures.file("fairseq_args.pt"));
    FairseqCheckpoint numpy = FairseqCheckpoint.read(Fixtures.file("fairseq_numpy.pt"));
    assertEquals(plain.model().keySet(), numpy.model().keySet());
    assertEquals(plain.hyperparameters().keySet(), numpy.hyperparameters().keySet());
  }

  private static String message(Path file) {
    LeapseqException e = assertThrows(LeapseqException.class, () -> TorchCheckpoints.read(file));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  @ParameterizedTest
  @CsvSource({"evil_numpy_object.pt, O8", "evil_numpy_structured.pt, V4"})
  void otherDtypesAreRefused(String fixture, String code) {
    Path file = Fixtures.file(fixture);
    assertEquals("refusing to load " + file + ": it holds a numpy value of dtype '" + code
        + "'; only numpy bool, integer and float scalars and arrays are accepted", message(file));
  }

  @Test
  void otherNumpyGlobalsAreRefused() {
    Path file = Fixtures.file("evil_numpy_random_state.pt");
    assertTrue(message(file).startsWith("refusing to load " + file + ": it references python global 'numpy.random."),
        message(file));
  }

  /** {@code numpy.core.multiarray.scalar(numpy.dtype(code, False, True) + BUILD(state), bytes)}. */
  private static Pickles scalar(String code, String endian, byte[] data) {
    Pickles p = Pickles.proto2().global("numpy.core.multiarray", "scalar");
    p.global("numpy", "dtype").str(code).op(0x89, 0x88, 0x87, 'R');
    p.op('(').integer(3).str(endian).op('N', 'N', 'N').integer(-1).integer(-1).integer(0).op('t', 'b');
    p.global("_codecs", "encode").str(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1))
        .str("latin1").op(0x86, 'R');
    return p.op(0x86, 'R');
  }

  @Test
  void handWrittenScalarsAreCheckedAndReadInTheirByteOrder() throws IOException {
    byte[] bigEndianOne = {0x3f, (byte) 0xf0, 0, 0, 0, 0, 0, 0};
    Path big = Fixtures.zip(dir.resolve("big.pt"), scalar("f8", ">", bigEndianOne).stop(), Map.of());
    assertEquals(1.0, TorchCheckpoints.read(big).root());
    Path shortData = Fixtures.zip(dir.resolve("short.pt"), scalar("f8", "<", new byte[4]).stop(), Map.of());
    assertTrue(message(shortData).endsWith("numpy FLOAT64 scalar has 4 bytes of data"), message(shortData));
    Path noOrder = Fixtures.zip(dir.resolve("order.pt"), scalar("i4", "|", new byte[4]).stop(), Map.of());
    assertTrue(message(noOrder).endsWith("numpy dtype 'i4' has no byte order"), message(noOrder));
    Path complex = Fixtures.zip(dir.resolve("c16.pt"), scalar("c16", "<", new byte[16]).stop(), Map.of());
    assertTrue(message(complex).contains("it holds a numpy value of dtype 'c16'"), message(complex));
    Path bareDtype = Fixtures.zip(dir.resolve("dtype.pt"),
        Pickles.proto2().global("numpy", "dtype").str("f4").op(0x89, 0x88, 0x87, 'R').stop(), Map.of());
    assertTrue(message(bareDtype).endsWith("a numpy.dtype cannot be a value; only tensors, containers and fairseq"
        + " args/cfg are accepted"), message(bareDtype));
    Path notNdarray = Fixtures.zip(dir.resolve("recon.pt"), Pickles.proto2()
        .global("numpy.core.multiarray", "_reconstruct").global("numpy", "dtype").op('N', 'N', 0x87, 'R').stop(),
        Map.of());
    assertTrue(message(notNdarray).endsWith("numpy._core.multiarray._reconstruct rebuilds a python global"
        + " 'numpy.dtype', not a numpy.ndarray"), message(notNdarray));
  }
}
