// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leapseq.core.LeapseqException;

/** Malicious pickles are refused by name, and malformed archives fail with one line that names the file. */
class UnsafeCheckpointsTest {
  @TempDir Path dir;

  private static String message(Path file) {
    LeapseqException e = assertThrows(LeapseqException.class, () -> TorchCheckpoints.read(file));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  @ParameterizedTest
  @CsvSource({
    "evil_global_os_system.pt, os.system",
    "evil_stack_global.pt, os.system",
    "evil_inst.pt, os.system",
    "evil_builtins_eval.pt, builtins.eval",
    "evil_class_instance.pt, __main__.Payload"
  })
  void maliciousGlobalsAreRefusedByName(String fixture, String global) {
    Path file = Fixtures.file(fixture);
    assertEquals("refusing to load " + file + ": it references python global '" + global
        + "'; only tensors, containers and fairseq args/cfg are accepted", message(file));
  }

  @Test
  void allowedNamesUsedOtherwiseAreRejected() throws IOException {
    Path callNamespace = Fixtures.zip(dir.resolve("a.pt"),
        Pickles.proto2().global("argparse", "Namespace").str("x").op(0x85, 'R').stop(), Map.of());
    assertTrue(message(callNamespace).endsWith("not a valid PyTorch checkpoint: a python global 'argparse.Namespace'"
        + " cannot be called"), message(callNamespace));
    Path typeAsValue = Fixtures.zip(dir.resolve("b.pt"), Pickles.proto2().global("builtins", "dict").stop(), Map.of());
    assertTrue(message(typeAsValue).contains("a python global 'builtins.dict' cannot be a value"));
    Path buildDict = Fixtures.zip(dir.resolve("c.pt"), Pickles.proto2().op('}', '}', 'b').stop(), Map.of());
    assertTrue(message(buildDict).contains("the target of BUILD is a dict"));
  }

  @Test
  void malformedArchivesNameTheFileAndTheReason() throws IOException {
    byte[] good = Files.readAllBytes(Fixtures.file("fairseq_args.pt"));
    Path truncated = Files.write(dir.resolve("truncated.pt"), Arrays.copyOf(good, good.length / 2));
    assertTrue(message(truncated).startsWith(truncated + ": not a valid PyTorch checkpoint: broken zip archive"),
        message(truncated));
    Path text = Files.writeString(dir.resolve("text.pt"), "hello");
    assertTrue(message(text).startsWith(text + ": not a valid PyTorch checkpoint: not a zip archive"));
    Path legacy = Files.write(dir.resolve("legacy.pt"), new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c});
    assertEquals(legacy + ": not a valid PyTorch checkpoint: it is in the legacy (before PyTorch 1.6) torch.save"
        + " format; re-save it with a recent PyTorch", message(legacy));
    Path missing = dir.resolve("missing.pt");
    assertEquals(missing + ": cannot read: no such file or directory", message(missing));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "no-stop        | truncated: 1 bytes needed at byte 8, 0 left",
    "bad-opcode     | unsupported pickle opcode 0xff at byte 2",
    "memo           | memo entry 7 is read before it is written",
    "empty-stack    | the pickle reads past the bottom of its stack",
    "protocol       | pickle protocol 6 is not supported (2 to 5 are)",
    "cycle          | a list contains itself",
    "string-length  | truncated: 1000 bytes needed at byte 7, 1 left",
    "text-opcode    | unsupported pickle opcode 0x53 at byte 2"
  })
  void malformedPicklesNameTheProblem(String name, String reason) throws IOException {
    byte[] pkl = switch (name.trim()) {
      case "no-stop" -> Arrays.copyOf(Pickles.proto2().op('}').str("").stop(), 8);
      case "bad-opcode" -> Pickles.proto2().op(0xff).stop();
      case "memo" -> Pickles.proto2().op('h', 7).stop();
      case "empty-stack" -> Pickles.proto2().op('(', 0x85).stop();
      case "protocol" -> new byte[] {(byte) 0x80, 6, '.'};
      case "cycle" -> Pickles.proto2().op(']', 'q', 0, 'h', 0, 'a').stop();
      case "text-opcode" -> Pickles.proto2().op('S', '\'', 'x', '\'', '\n').stop();
      default -> new byte[] {(byte) 0x80, 2, 'X', (byte) 0xe8, 3, 0, 0, '.'};
    };
    Path file = Fixtures.zip(dir.resolve(name.trim() + ".pt"), pkl, Map.of());
    assertEquals(file + ": not a valid PyTorch checkpoint: " + reason.trim(), message(file));
  }

  @Test
  void storagesAreCheckedAgainstTheTensorsThatViewThem() throws IOException {
    byte[] eightFloats = new byte[32];
    byte[] view = Pickles.proto2().tensor("0", 8, 2, new int[] {2, 3}, new int[] {3, 1}).stop();
    Path ok = Fixtures.zip(dir.resolve("ok.pt"), view, Map.of("0", eightFloats));
    assertEquals(6, ((TorchTensor) TorchCheckpoints.read(ok).root()).elementCount());
    Path outOfBounds = Fixtures.zip(dir.resolve("oob.pt"),
        Pickles.proto2().tensor("0", 8, 3, new int[] {2, 3}, new int[] {3, 1}).stop(), Map.of("0", eightFloats));
    assertTrue(message(outOfBounds).endsWith("tensor of size [2, 3], stride [3, 1] and offset 3 reads past the end"
        + " of storage '0' (8 elements)"), message(outOfBounds));
    int huge = 1 << 30;
    Path overflow = Fixtures.zip(dir.resolve("overflow.pt"), Pickles.proto2()
        .tensor("0", 8, 0, new int[] {huge, huge, huge}, new int[] {0, 0, 0}).stop(), Map.of("0", eightFloats));
    assertTrue(message(overflow).endsWith("tensor of size [1073741824, 1073741824, 1073741824], stride [0, 0, 0] and"
        + " offset 0 overflows"), message(overflow));
    Path negative = Fixtures.zip(dir.resolve("negative.pt"),
        Pickles.proto2().tensor("0", 8, 0, new int[] {0, -1}, new int[] {1, 1}).stop(), Map.of("0", eightFloats));
    assertTrue(message(negative).endsWith("negative values are not supported"), message(negative));
    Path shortStorage = Fixtures.zip(dir.resolve("short.pt"), view, Map.of("0", new byte[31]));
    assertTrue(message(shortStorage).endsWith("storage '0' holds 31 bytes, fewer than the 8 FLOAT32 elements it"
        + " declares"), message(shortStorage));
    Path noStorage = Fixtures.zip(dir.resolve("nostorage.pt"), view, Map.of());
    assertTrue(message(noStorage).endsWith("storage '0' has no entry archive/data/0"), message(noStorage));
    Path traversal = Fixtures.zip(dir.resolve("traversal.pt"),
        Pickles.proto2().tensor("../0", 8, 0, new int[] {1}, new int[] {1}).stop(), Map.of());
    assertTrue(message(traversal).endsWith("storage key '../0' is not a plain name"), message(traversal));
  }

  @Test
  void byteorderIsOptionalButMustBeKnown() throws IOException {
    byte[] one = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(0.75f).array();
    byte[] pkl = Pickles.proto2().tensor("0", 1, 0, new int[] {}, new int[] {}).stop();
    Path before112 = Fixtures.zip(dir.resolve("old.pt"), pkl, Map.of("0", one), null);
    TorchTensor t = (TorchTensor) TorchCheckpoints.read(before112).root();
    assertEquals(0.75, t.toFloat64().getDouble(0), 0.0);
    Path odd = Fixtures.zip(dir.resolve("odd.pt"), pkl, Map.of("0", one), "middle");
    assertEquals(odd + ": not a valid PyTorch checkpoint: the byteorder entry holds 'middle', not little or big",
        message(odd));
  }

  @Test
  void unsupportedStorageTypesAreNamed() throws IOException {
    Path complex = Fixtures.zip(dir.resolve("complex.pt"),
        Pickles.proto2().global("torch", "ComplexFloatStorage").stop(), Map.of());
    assertTrue(message(complex).endsWith("tensors of torch.ComplexFloatStorage are not supported; the supported"
        + " element types are [FLOAT64, FLOAT32, FLOAT16, BFLOAT16, INT64, INT32, INT16, INT8, UINT8, BOOL]"),
        message(complex));
  }

  @Test
  void archiveWithoutDataPklIsNamed() throws IOException {
    Path file = dir.resolve("empty.pt");
    try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
      z.putNextEntry(new java.util.zip.ZipEntry("archive/version"));
      z.write("3\n".getBytes());
      z.closeEntry();
    }
    assertEquals(file + ": not a valid PyTorch checkpoint: the archive has no <name>/data.pkl entry", message(file));
  }
}
