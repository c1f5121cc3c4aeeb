// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leapseq.core.Configs;
import org.leapseq.core.checkpoint.Checkpoint;
import org.leapseq.core.checkpoint.Checkpoints;
import org.leapseq.core.io.SafeTensors;
import org.leapseq.core.testing.GoldenFiles;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * toolkit-import-fairseq on real fairseq checkpoints of the golden tiny LeaPformer LM (written by
 * leapformer-scripts/test/fixtures/make_torch_fixtures.py: torch.save of args or an omegaconf cfg, the state dict
 * with its buffers and tied output projection, numpy scalars in extra_state): the Leapseq checkpoint it writes holds
 * exactly the golden float32 weights.
 */
class ImportFairseqCommandTest {
  @TempDir static Path dir;
  static Path dict;

  @BeforeAll
  static void writeDict() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 4; i < 37; i++) {
      text.append('w').append(i).append(" 1\n");
    }
    dict = Files.writeString(dir.resolve("dict.txt"), text);
  }

  private static Path fixture(String name) {
    try {
      return Path.of(ImportFairseqCommandTest.class.getResource("/interop/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource /interop/" + name, e);
    }
  }

  /** Runs the import and returns {exit status, stdout, stderr}. */
  private static Object[] importPt(Path pt, Path out) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int rc = Cli.execute(new ImportFairseqCommand(), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), "--path", pt.toString(), "--dict", dict.toString(),
        "--out", out.toString());
    return new Object[] {rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny_lm_args.pt", "tiny_lm_cfg.pt"})
  void importedWeightsAreTheGoldenWeightsExactly(String fixture) throws IOException {
    Path golden = GoldenFiles.directory().resolve("tiny_lm/tiny_lm.f32.safetensors");
    assertTrue(Files.isRegularFile(golden), "golden files not present at " + golden + " (set LEAPSEQ_GOLDEN_DIR)");
    Path out = dir.resolve(fixture.replace(".pt", ".safetensors"));
    Object[] r = importPt(fixture(fixture), out);
    assertEquals(0, r[0], () -> r[2] + "" + r[1]);
    Checkpoint ck = Checkpoints.read(out);
    Map<String, INDArray> expected = SafeTensors.read(golden).tensors();
    assertEquals(expected.keySet(), ck.model().keySet());
    for (Map.Entry<String, INDArray> e : expected.entrySet()) {
      INDArray actual = ck.model().get(e.getKey());
      assertEquals(e.getValue().dataType(), actual.dataType(), e.getKey());
      assertArrayEquals(e.getValue().shape(), actual.shape(), e.getKey());
      assertArrayEquals(e.getValue().ravel().toFloatVector(), actual.ravel().toFloatVector(), e.getKey()); // bitwise
    }
    JsonNode config = Configs.json().readTree(ck.meta(Checkpoint.CONFIG));
    assertEquals("transformer_lm", config.path("arch").asText());
    assertEquals("float32", config.path("dtype").asText());
  }

  @Test
  void cfgModelNameIsTheArch() {
    TorchCheckpoints.Loaded cfg = TorchCheckpoints.read(fixture("tiny_lm_cfg.pt"));
    assertEquals("transformer_lm", cfg.args().get("arch"));
    assertEquals("64", cfg.args().get("decoder_ffn_embed_dim"));
    assertEquals(TorchCheckpoints.read(fixture("tiny_lm_args.pt")).args().get("arch"), cfg.args().get("arch"));
  }

  @Test
  void aTensorOfTheWrongShapeIsNamedOnOneLine() {
    Path pt = fixture("wrong_shape_lm.pt");
    Path out = dir.resolve("wrong.safetensors");
    Object[] r = importPt(pt, out);
    assertEquals(Cli.EXIT_ERROR, r[0]);
    String err = ((String) r[2]).strip();
    assertFalse(err.contains("\n"), err);
    assertTrue(err.contains(pt + ": does not fit the architecture: tensor 'decoder.layers.0.fc1.weight' is [16, 7]"
        + " but transformer_lm with these args and a 37-symbol dictionary needs [16, 8]"), err);
    assertFalse(Files.exists(out));
  }
}
