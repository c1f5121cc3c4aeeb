// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.interop.FairseqCheckpoint.HyperparameterSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Finds the state dict and the hyperparameters in fairseq checkpoints with args, a DictConfig cfg and a dict cfg. */
class FairseqCheckpointTest {
  @TempDir Path dir;

  /** fairseq_args() of make_torch_fixtures.py, in its order. */
  private static Map<String, Object> expectedArgs() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arch", "transformer_lm");
    m.put("task", "language_modeling");
    m.put("decoder_layers", 2L);
    m.put("decoder_embed_dim", 4L);
    m.put("decoder_attention_heads", 2L);
    m.put("dropout", 0.1);
    m.put("share_decoder_input_output_embed", true);
    m.put("adaptive_softmax_cutoff", null);
    m.put("lr", List.of(0.0005));
    m.put("max_tokens", 2048L);
    m.put("seed", 1L);
    m.put("big_number", BigInteger.TWO.pow(70));
    m.put("tokens_per_sample", -512L);
    return m;
  }

  private static void assertArgs(Map<String, Object> actual) {
    List<String> keys = new ArrayList<>(expectedArgs().keySet());
    keys.add("magic");
    assertEquals(keys, List.copyOf(actual.keySet()));
    Map<String, Object> withoutBytes = new LinkedHashMap<>(actual);
    assertArrayEquals(new byte[] {0, (byte) 0xff, 'l', 'e', 'a', 'p'}, (byte[]) withoutBytes.remove("magic"));
    assertEquals(expectedArgs(), withoutBytes);
  }

  @Test
  void argsNamespaceGivesTheHyperparameters() {
    FairseqCheckpoint ck = FairseqCheckpoint.read(Fixtures.file("fairseq_args.pt"));
    assertEquals(HyperparameterSource.ARGS, ck.hyperparameterSource());
    assertArgs(ck.hyperparameters());
    assertEquals(12, ck.model().size());
    assertArrayEquals(new long[] {6, 4}, ck.model().get("decoder.embed_tokens.weight").shape());
    assertTrue(ck.contents().containsKey("optimizer_history"));
    assertThrows(UnsupportedOperationException.class, () -> ck.hyperparameters().put("arch", "x"));
    Map<String, INDArray> arrays = ck.modelArrays(DataType.FLOAT);
    assertEquals(List.copyOf(ck.model().keySet()), List.copyOf(arrays.keySet()));
    INDArray q = arrays.get("decoder.layers.0.self_attn.q_proj.weight");
    assertEquals(DataType.FLOAT, q.dataType());
    assertEquals(1.0f, q.getFloat(0, 1), 0.0f); // the transpose of i / 4 reshaped (4, 4)
    assertEquals(0.25f, q.getFloat(1, 0), 0.0f);
  }

  @Test
  void omegaconfDictConfigGivesCfgModelFlattened() {
    FairseqCheckpoint ck = FairseqCheckpoint.read(Fixtures.file("fairseq_cfg.pt"));
    assertEquals(HyperparameterSource.CFG_MODEL, ck.hyperparameterSource());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("_name", "transformer_lm");
    expected.put("decoder_layers", 2L);
    expected.put("decoder_embed_dim", 4L);
    expected.put("dropout", 0.1);
    expected.put("share_decoder_input_output_embed", true);
    expected.put("adaptive_softmax_cutoff", null);
    expected.put("decoder.ffn_dim", 16L);
    expected.put("decoder.tags", List.of(1L, 2L));
    assertEquals(expected, ck.hyperparameters());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(ck.hyperparameters().keySet()));
    Map<?, ?> cfg = (Map<?, ?>) ck.contents().get("cfg");
    assertEquals(Map.of("seed", 1L, "fp16", false), cfg.get("common"));
    assertEquals(Map.of("lr", List.of(0.0005)), cfg.get("optimization"));
    assertEquals(12, ck.model().size());
  }

  @Test
  void plainCfgDictWithALegacyNamespaceModel() {
    FairseqCheckpoint ck = FairseqCheckpoint.read(Fixtures.file("fairseq_cfg_dict.pt"));
    assertEquals(HyperparameterSource.CFG_MODEL, ck.hyperparameterSource());
    assertArgs(ck.hyperparameters());
  }

  @Test
  void dictConfigWithANamespaceModelNode() {
    FairseqCheckpoint ck = FairseqCheckpoint.read(Fixtures.file("fairseq_cfg_namespace.pt"));
    assertEquals(HyperparameterSource.CFG_MODEL, ck.hyperparameterSource());
    assertArgs(ck.hyperparameters());
    assertEquals(Map.of("seed", 1L), ((Map<?, ?>) ck.contents().get("cfg")).get("common"));
  }

  @Test
  void modelTensorsMatchAcrossTheFourLayouts() {
    FairseqCheckpoint args = FairseqCheckpoint.read(Fixtures.file("fairseq_args.pt"));
    for (String fixture : List.of("fairseq_cfg.pt", "fairseq_cfg_dict.pt", "fairseq_cfg_namespace.pt")) {
      FairseqCheckpoint other = FairseqCheckpoint.read(Fixtures.file(fixture));
      assertEquals(List.copyOf(args.model().keySet()), List.copyOf(other.model().keySet()), fixture);
      args.model().forEach((name, t) -> assertEquals(t.toFloat64(), other.model().get(name).toFloat64(), name));
    }
  }

  @Test
  void missingPiecesAreOneLineErrors() throws IOException {
    Path noModel = Fixtures.zip(dir.resolve("no_model.pt"),
        Pickles.proto2().op('}').str("args").op('N', 's').stop(), Map.of());
    assertMessage(noModel + ": not a fairseq checkpoint: it has no 'model' state dict", noModel);
    Path noArgs = Fixtures.zip(dir.resolve("no_args.pt"),
        Pickles.proto2().op('}', '(').str("model").op('}').str("args").op('N', 'u').stop(), Map.of());
    assertMessage(noArgs + ": not a fairseq checkpoint: it has neither 'args' nor 'cfg' hyperparameters", noArgs);
    Path badModel = Fixtures.zip(dir.resolve("bad_model.pt"),
        Pickles.proto2().op('}', '(').str("model").op('}').str("w").integer(3).op('s')
            .str("args").op('}', 'u').stop(), Map.of());
    assertMessage(badModel + ": not a fairseq checkpoint: 'model' entry 'w' is a int, not a tensor", badModel);
    Path list = Fixtures.zip(dir.resolve("list.pt"), Pickles.proto2().op(']').stop(), Map.of());
    assertMessage(list + ": the top-level object is a list, not a dict", list);
  }

  private static void assertMessage(String expected, Path file) {
    LeapseqException e = assertThrows(LeapseqException.class, () -> FairseqCheckpoint.read(file));
    assertEquals(expected, e.getMessage());
  }
}
