// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.leapseq.core.testing.GoldenFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reading the LeaPformer golden JSON files (tensors as nested lists) and comparing against them. */
final class Golden {
  static final ObjectMapper JSON = new ObjectMapper();

  private Golden() {}

  /** LEAPSEQ_GOLDEN_DIR, else {@code <repo root>/../shared/golden}. */
  static Path directory() {
    return GoldenFiles.directory();
  }

  /** Every *.json directly in dir whose top level has a "case" field, sorted by name. */
  static List<Path> caseFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> out = new ArrayList<>();
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        if (read(f).has("case")) {
          out.add(f);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {"value": nested list} (or a bare nested list) -> a float64 array of that shape. */
  static INDArray tensor(JsonNode node) {
    JsonNode value = node.has("value") ? node.get("value") : node;
    List<Long> shape = new ArrayList<>();
    JsonNode n = value;
    while (n.isArray()) {
      shape.add((long) n.size());
      n = n.get(0);
    }
    List<Double> flat = new ArrayList<>();
    flatten(value, flat);
    double[] data = flat.stream().mapToDouble(Double::doubleValue).toArray();
    long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
    return Nd4j.create(data, dims.length == 0 ? new long[] {1} : dims, 'c');
  }

  private static void flatten(JsonNode n, List<Double> out) {
    if (n.isArray()) {
      n.forEach(c -> flatten(c, out));
    } else if (n.isBoolean()) {
      out.add(n.booleanValue() ? 1.0 : 0.0);
    } else if (n.isTextual()) {
      out.add(Double.parseDouble(n.textValue().replace("inf", "Infinity")));
    } else {
      out.add(n.doubleValue());
    }
  }

  /** [B][S] booleans (true = pad). */
  static boolean[][] booleans(JsonNode node) {
    JsonNode v = node.get("value");
    boolean[][] out = new boolean[v.size()][];
    for (int i = 0; i < v.size(); i++) {
      out[i] = new boolean[v.get(i).size()];
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = v.get(i).get(j).booleanValue();
      }
    }
    return out;
  }

  /** nn.Linear named prefix in a state_dict ("q_proj" -> q_proj.weight, q_proj.bias). */
  static Linear linear(JsonNode tensors, String prefix) {
    return new Linear(tensor(tensors.get(prefix + ".weight")), tensor(tensors.get(prefix + ".bias")));
  }

  /** The LeaP MLP under prefix: layers at Sequential indices 0, 2, ... (inter == 1: only index 0). */
  static ProportionMlp leap(JsonNode tensors, String prefix) {
    List<Linear> layers = new ArrayList<>();
    for (int i = 0; tensors.has(prefix + "." + i + ".weight") || tensors.has(prefix + "." + (i + 1) + ".weight");
        i += 2) {
      layers.add(linear(tensors, prefix + "." + i));
    }
    return new ProportionMlp(layers);
  }

  /** Asserts equal shapes and max |expected - actual| <= tol. */
  static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    double diff = expected.castTo(actual.dataType()).sub(actual).amaxNumber().doubleValue();
    assertTrue(diff <= tol, String.format("%s: max |diff| %.3e > %.1e", what, diff, tol));
  }
}
