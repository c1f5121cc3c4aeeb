// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parity with the golden vectors of the reference PyTorch code: every case file in the golden directory, every
 * output it holds; an unknown case fails. Sizes come from the files.
 */
class GoldenAttentionTest {
  static final double TOL_F64 = 1e-10;
  static final double TOL_F32 = 1e-5;

  @BeforeAll
  static void float64() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @TestFactory
  Stream<DynamicNode> goldenCases() {
    Path dir = Golden.directory();
    List<Path> files = Golden.caseFiles(dir);
    if (files.isEmpty()) {
      return Stream.of(dynamicTest("golden files present", () -> fail("no golden case files in " + dir)));
    }
    return files.stream().map(f -> {
      JsonNode root = Golden.read(f);
      String name = f.getFileName().toString();
      return dynamicContainer(name + " [" + root.get("case").asText() + "]", tests(f, root));
    });
  }

  private static List<DynamicTest> tests(Path file, JsonNode root) {
    try {
      return dispatch(file, root);
    } catch (RuntimeException e) {
      return List.of(dynamicTest("read " + file.getFileName(), () -> {
        throw e;
      }));
    }
  }

  private static List<DynamicTest> dispatch(Path file, JsonNode root) {
    double tol = root.path("dtype").asText().startsWith("float32") ? TOL_F32 : TOL_F64;
    String kind = root.get("case").asText();
    return switch (kind) {
      case "fairseq_noncausal" ->
          both(FairseqGoldenCases.noncausal(root, tol), ModuleGoldenCases.noncausal(root, tol));
      case "fairseq_noncausal_padded" ->
          both(FairseqGoldenCases.noncausalPadded(root, tol), ModuleGoldenCases.noncausalPadded(root, tol));
      case "fairseq_causal" -> both(FairseqGoldenCases.causal(root, tol), ModuleGoldenCases.causal(root, tol));
      case "fairseq_cross" -> both(FairseqGoldenCases.cross(root, tol), ModuleGoldenCases.cross(root, tol));
      case "lra_leapformer_core" -> LraGoldenCases.leapformerCore(root, tol);
      case "lra_cosformer_core" -> LraGoldenCases.cosformerCore(root, tol);
      case "lra_attention_block" -> LraGoldenCases.attentionBlock(root, tol);
      case "simulst_waitk_cross_infer" -> SimulstGoldenCases.inference(root, tol);
      case "simulst_waitk_cross_train_beta" -> SimulstGoldenCases.trainingBeta(file, root, tol);
      default -> List.of(dynamicTest("case " + kind, () -> fail("unknown golden case '" + kind + "' in " + file)));
    };
  }

  private static List<DynamicTest> both(List<DynamicTest> a, List<DynamicTest> b) {
    List<DynamicTest> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** A named test comparing a golden tensor with a lazily computed one. */
  static DynamicTest check(String name, JsonNode expected, Supplier<INDArray> actual, double tol) {
    return dynamicTest(name, () -> {
      assertFalse(expected.isMissingNode(), name + " missing from the golden file");
      Golden.assertClose(Golden.tensor(expected), actual.get(), tol, name);
    });
  }

  /** A named test asserting that Leapseq deliberately does NOT reproduce a golden tensor (a reference bug). */
  static DynamicTest differs(String name, JsonNode expected, Supplier<INDArray> actual, double minDiff) {
    return dynamicTest(name, () -> {
      assertFalse(expected.isMissingNode(), name + " missing from the golden file");
      INDArray a = actual.get();
      double diff = Golden.tensor(expected).castTo(a.dataType()).sub(a).amaxNumber().doubleValue();
      assertTrue(diff > minDiff, String.format("%s: expected a difference > %.1e, got %.3e", name, minDiff, diff));
    });
  }

  /** Memoises a computation shared by several tests (errors surface in each test that uses it). */
  static <T> Supplier<T> lazy(Supplier<T> f) {
    List<T> box = new ArrayList<>(1);
    return () -> {
      if (box.isEmpty()) {
        box.add(f.get());
      }
      return box.get(0);
    };
  }
}
