// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.Configs;
import org.leapseq.core.testing.GoldenFiles;

/**
 * The acceptance on the reference fork's whole tiny LeaPformer LM (golden/tiny_lm): its fairseq-named
 * safetensors are imported with the model flags, its two token rows are binarized as sentences, and
 * toolkit-eval-lm --dtype float64 --results-path reproduces the reference log-probabilities at every target
 * position and the per-sequence sums; then toolkit-export and a flag-less re-import score identically.
 */
class GoldenTinyLmTest {
  private static final String[] MODEL_FLAGS = {"--arch", "transformer_lm", "--decoder-layers", "2",
      "--decoder-embed-dim", "32", "--decoder-ffn-embed-dim", "64", "--decoder-attention-heads", "4",
      "--decoder-normalize-before", "--share-decoder-input-output-embed", "--dec-sa-leapformer-enable",
      "--leap-factor", "4", "--max-target-positions", "1024"};

  @TempDir static Path dir;
  static JsonNode golden;
  static Path data;

  @BeforeAll
  static void binarize() throws IOException {
    Path caseDir = GoldenFiles.directory().resolve("tiny_lm");
    assertTrue(Files.isDirectory(caseDir), "golden files not present at " + caseDir + " (set LEAPSEQ_GOLDEN_DIR)");
    golden = Configs.json().readTree(caseDir.resolve("tiny_lm.json").toFile());
    StringBuilder dict = new StringBuilder();
    for (int i = 4; i < golden.path("config").path("vocab_size").asInt(); i++) {
      dict.append('w').append(i).append(" 1\n");
    }
    Files.writeString(dir.resolve("dict.txt"), dict);
    StringBuilder text = new StringBuilder();
    for (JsonNode row : golden.path("inputs").path("tokens").path("value")) {
      List<String> words = new ArrayList<>();
      for (int t = 1; t < row.size() && row.get(t).asInt() != 1; t++) {
        int id = row.get(t).asInt();
        words.add(id == 3 ? "<unk>" : "w" + id);
      }
      text.append(String.join(" ", words)).append('\n');
    }
    Files.writeString(dir.resolve("test.txt"), text);
    data = dir.resolve("data-bin");
    run(new PreprocessCommand(), "--only-source", "--srcdict", dir.resolve("dict.txt").toString(), "--testpref",
        dir.resolve("test.txt").toString(), "--destdir", data.toString());
  }

  private static String run(Object command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = Cli.execute(command, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    assertEquals(0, rc, () -> err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static List<JsonNode> evaluate(Path checkpoint, String name) throws IOException {
    Path results = dir.resolve(name + ".jsonl");
    String log = run(new EvalLmCommand(), data.toString(), "--path", checkpoint.toString(), "--gen-subset", "test",
        "--sample-break-mode", "eos", "--dtype", "float64", "--batch-size", "2", "--results-path",
        results.toString());
    assertTrue(log.contains("Loss (base 2): "), log);
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(results)) {
      rows.add(Configs.json().readTree(line));
    }
    rows.sort((a, b) -> Integer.compare(a.path("id").asInt(), b.path("id").asInt()));
    return rows;
  }

  private static void assertReproduces(List<JsonNode> rows, String precision, double tol) {
    JsonNode lprobs = precision.equals("f64") ? golden.path("outputs").path("lprobs").path("value")
        : golden.path("variants").path("lprobs_float32_model").path("value");
    JsonNode sums = golden.path("outputs").path("sum_target_lprobs").path("value");
    JsonNode numTargets = golden.path("outputs").path("num_targets");
    JsonNode tokens = golden.path("inputs").path("tokens").path("value");
    assertEquals(2, rows.size());
    for (int b = 0; b < 2; b++) {
      JsonNode row = rows.get(b);
      int n = numTargets.get(b).asInt();
      // eval-lm also scores the sentence-final </s> after the reference's last target
      assertEquals(n + 1, row.path("lprobs").size());
      double sum = 0;
      for (int t = 0; t <= n; t++) {
        int target = t < n ? tokens.get(b).get(t + 1).asInt() : 2;
        assertEquals(target, row.path("tokens").get(t).asInt());
        double expected = lprobs.get(b).get(t).get(target).asDouble();
        double got = row.path("lprobs").get(t).asDouble();
        assertEquals(expected, got, tol, precision + " row " + b + " position " + t);
        sum += t < n ? got : 0;
      }
      assertEquals(sums.get(b).asDouble(), sum, tol * n, "per-sequence sum of row " + b);
    }
  }

  @Test
  void importedFloat64ModelReproducesTheReferenceLogProbabilities() throws IOException {
    Path ck = dir.resolve("tiny64.safetensors");
    run(new ImportFairseqCommand(), concat(MODEL_FLAGS, "--path",
        GoldenFiles.directory().resolve("tiny_lm/tiny_lm.f64.safetensors").toString(), "--dict",
        dir.resolve("dict.txt").toString(), "--out", ck.toString()));
    List<JsonNode> rows = evaluate(ck, "f64");
    assertReproduces(rows, "f64", 1e-9);

    Path exported = dir.resolve("exported.safetensors");
    run(new ExportCommand(), "--path", ck.toString(), "--out", exported.toString());
    assertTrue(Files.isRegularFile(dir.resolve("exported.json")));
    Path again = dir.resolve("again.safetensors");
    run(new ImportFairseqCommand(), "--path", exported.toString(), "--dict", dir.resolve("dict.txt").toString(),
        "--out", again.toString());
    List<JsonNode> rerun = evaluate(again, "again");
    for (int b = 0; b < 2; b++) {
      assertEquals(rows.get(b).path("lprobs"), rerun.get(b).path("lprobs"), "export then import is lossless");
    }
  }

  @Test
  void importedFloat32ModelReproducesTheReferenceWithin1e5() throws IOException {
    Path ck = dir.resolve("tiny32.safetensors");
    run(new ImportFairseqCommand(), concat(MODEL_FLAGS, "--path",
        GoldenFiles.directory().resolve("tiny_lm/tiny_lm.f32.safetensors").toString(), "--dict",
        dir.resolve("dict.txt").toString(), "--out", ck.toString()));
    Path results = dir.resolve("f32.jsonl");
    run(new EvalLmCommand(), data.toString(), "--path", ck.toString(), "--gen-subset", "test", "--sample-break-mode",
        "eos", "--batch-size", "2", "--results-path", results.toString());
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(results)) {
      rows.add(Configs.json().readTree(line));
    }
    rows.sort((a, b) -> Integer.compare(a.path("id").asInt(), b.path("id").asInt()));
    assertReproduces(rows, "f64", 1e-5);
  }

  @Test
  void aTensorThatDoesNotFitIsNamed() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] flags = MODEL_FLAGS.clone();
    flags[7] = "48"; // --decoder-ffn-embed-dim
    int rc = Cli.execute(new ImportFairseqCommand(), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), concat(flags, "--path",
            GoldenFiles.directory().resolve("tiny_lm/tiny_lm.f64.safetensors").toString(), "--dict",
            dir.resolve("dict.txt").toString(), "--out", dir.resolve("bad.safetensors").toString()));
    String msg = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, rc, msg);
    assertTrue(msg.contains("decoder.layers.0.fc1.weight") && msg.contains("[64, 32]"), msg);
    assertTrue(!Files.exists(dir.resolve("bad.safetensors")));
  }
}
