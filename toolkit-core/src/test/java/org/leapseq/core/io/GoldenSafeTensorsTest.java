// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.leapseq.core.testing.GoldenFiles;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads the tiny LeaPformer LM golden files written outside this project and checks them against tiny_lm.json. */
class GoldenSafeTensorsTest {
  private static Path caseDir;
  private static JsonNode parameters;

  @BeforeAll
  static void locate() throws IOException {
    caseDir = GoldenFiles.directory().resolve("tiny_lm");
    assertTrue(Files.isDirectory(caseDir), "golden files not present at " + caseDir + " (set LEAPSEQ_GOLDEN_DIR)");
    parameters = new ObjectMapper().readTree(caseDir.resolve("tiny_lm.json").toFile()).get("parameters");
  }

  private static List<String> order() {
    List<String> names = new ArrayList<>();
    parameters.get("order").forEach(n -> names.add(n.textValue()));
    return names;
  }

  private static long[] shape(String name) {
    JsonNode s = parameters.get("tensors").get(name).get("shape");
    long[] shape = new long[s.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = s.get(i).longValue();
    }
    return shape;
  }

  private static double[] values(String name) {
    List<Double> flat = new ArrayList<>();
    flatten(parameters.get("tensors").get(name).get("value"), flat);
    return flat.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flatten(JsonNode node, List<Double> out) {
    if (node.isArray()) {
      node.forEach(child -> flatten(child, out));
    } else {
      out.add(node.doubleValue());
    }
  }

  @Test
  void float64FileHoldsTheReferenceParametersExactly() {
    SafeTensorFile f64 = SafeTensors.read(caseDir.resolve("tiny_lm.f64.safetensors"));
    assertEquals(order(), List.copyOf(f64.tensors().keySet()));
    assertEquals(52, f64.tensors().size());
    assertEquals("pt", f64.metadata().get("format"));
    for (String name : order()) {
      INDArray a = f64.get(name);
      assertEquals(DataType.DOUBLE, a.dataType(), name);
      assertArrayEquals(shape(name), a.shape(), name);
      assertArrayEquals(values(name), a.reshape(a.length()).toDoubleVector(), 0.0, name);
    }
  }

  @Test
  void float32FileAgreesWithFloat64File() {
    SafeTensorFile f64 = SafeTensors.read(caseDir.resolve("tiny_lm.f64.safetensors"));
    SafeTensorFile f32 = SafeTensors.read(caseDir.resolve("tiny_lm.f32.safetensors"));
    assertEquals(order(), List.copyOf(f32.tensors().keySet()));
    long total = 0;
    for (String name : order()) {
      INDArray a = f32.get(name);
      assertEquals(DataType.FLOAT, a.dataType(), name);
      assertArrayEquals(shape(name), a.shape(), name);
      double diff = a.castTo(DataType.DOUBLE).sub(f64.get(name)).amaxNumber().doubleValue();
      assertTrue(diff <= 1e-6, name + " differs by " + diff);
      total += a.length();
    }
    assertEquals(19_604, total);
    assertEquals(f32.get("decoder.embed_tokens.weight"), f32.get("decoder.output_projection.weight"));
  }
}
