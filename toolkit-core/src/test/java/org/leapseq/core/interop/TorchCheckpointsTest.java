// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads the torch.save fixtures and compares every tensor with the formula make_torch_fixtures.py wrote it from. */
class TorchCheckpointsTest {
  /** name, shape, and value of C-order element i, for every tensor of model_state() in make_torch_fixtures.py. */
  private record Expected(String name, long[] shape, IntToDoubleFunction value) {}

  private static final List<Expected> MODEL = List.of(
      new Expected("decoder.embed_tokens.weight", new long[] {6, 4}, i -> i / 8.0 - 1),
      new Expected("decoder.output_projection.weight", new long[] {6, 4}, i -> i / 8.0 - 1),
      new Expected("decoder.layers.0.self_attn.q_proj.weight", new long[] {4, 4}, i -> (4 * (i % 4) + i / 4) / 4.0),
      new Expected("decoder.layers.0.self_attn.k_proj.weight", new long[] {4, 4}, i -> i / 2.0 - 3),
      new Expected("decoder.layers.0.self_attn.v_proj.weight", new long[] {4, 4}, i -> (i + 16) / 2.0 - 3),
      new Expected("decoder.layers.0.self_attn.v_proj.bias", new long[] {4}, i -> (i + 32) / 2.0 - 3),
      new Expected("decoder.layers.0.fc1.weight", new long[] {2, 3}, i -> 12 * (i / 3) + 2 * (i % 3) + 1),
      new Expected("decoder.layers.1.final_layer_norm.weight", new long[] {4}, i -> 1),
      new Expected("decoder.layers.1.final_layer_norm.bias", new long[] {4}, i -> 0),
      new Expected("decoder.layers.1.fc2.weight", new long[] {2, 4}, i -> 2 - 0.75 * i),
      new Expected("decoder.scale", new long[] {}, i -> 0.125),
      new Expected("decoder.version", new long[] {1}, i -> 3));

  private static Map<String, Object> root(String fixture) {
    return TorchCheckpoints.read(Fixtures.file(fixture)).rootMap();
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> model(Map<String, Object> root) {
    return (Map<Object, Object>) root.get("model");
  }

  private static void assertValues(Expected e, TorchTensor t) {
    assertArrayEquals(e.shape(), t.shape(), e.name());
    INDArray f32 = t.toFloat32();
    INDArray f64 = t.toFloat64();
    assertEquals(DataType.FLOAT, f32.dataType(), e.name());
    assertEquals(DataType.DOUBLE, f64.dataType(), e.name());
    assertArrayEquals(e.shape(), f32.shape(), e.name());
    double[] flat = f64.reshape(f64.length()).toDoubleVector();
    float[] flat32 = f32.reshape(f32.length()).toFloatVector();
    assertEquals(t.elementCount(), flat.length, e.name());
    for (int i = 0; i < flat.length; i++) {
      assertEquals(e.value().applyAsDouble(i), flat[i], 0.0, e.name() + "[" + i + "]");
      assertEquals((float) e.value().applyAsDouble(i), flat32[i], 0.0f, e.name() + "[" + i + "]");
    }
  }

  @Test
  void everyWeightOfTheFloat32CheckpointHasItsFormulaValues() {
    Map<Object, Object> model = model(root("fairseq_args.pt"));
    assertEquals(MODEL.stream().map(Expected::name).toList(), List.copyOf(model.keySet()));
    for (Expected e : MODEL) {
      TorchTensor t = (TorchTensor) model.get(e.name());
      assertEquals(TorchDtype.FLOAT32, t.dtype(), e.name());
      assertValues(e, t);
    }
  }

  @Test
  void viewsKeepTheirLayoutAndShareStorage() {
    Map<Object, Object> model = model(root("fairseq_args.pt"));
    TorchTensor embed = (TorchTensor) model.get("decoder.embed_tokens.weight");
    assertSame(embed, model.get("decoder.output_projection.weight"), "a tied weight is one memoized tensor");
    TorchTensor q = (TorchTensor) model.get("decoder.layers.0.self_attn.q_proj.weight");
    assertArrayEquals(new long[] {1, 4}, q.stride());
    assertFalse(q.isContiguous());
    TorchTensor k = (TorchTensor) model.get("decoder.layers.0.self_attn.k_proj.weight");
    TorchTensor v = (TorchTensor) model.get("decoder.layers.0.self_attn.v_proj.weight");
    TorchTensor bias = (TorchTensor) model.get("decoder.layers.0.self_attn.v_proj.bias");
    assertTrue(k.sharesStorageWith(v) && v.sharesStorageWith(bias));
    assertFalse(k.sharesStorageWith(embed));
    assertEquals(16, v.storageOffset());
    assertEquals(32, bias.storageOffset());
    assertTrue(v.isContiguous());
    TorchTensor fc1 = (TorchTensor) model.get("decoder.layers.0.fc1.weight");
    assertArrayEquals(new long[] {12, 2}, fc1.stride());
    assertEquals(1, fc1.storageOffset());
    assertFalse(fc1.isContiguous());
  }

  @Test
  void protocol4FileReadsTheSameAsProtocol2() {
    Map<String, Object> p2 = root("fairseq_args.pt");
    Map<String, Object> p4 = root("fairseq_args_p4.pt");
    assertEquals(List.copyOf(p2.keySet()), List.copyOf(p4.keySet()));
    assertEquals(p2.get("optimizer_history"), p4.get("optimizer_history"));
    assertEquals(p2.get("extra_state"), p4.get("extra_state"));
    for (Expected e : MODEL) {
      assertValues(e, (TorchTensor) model(p4).get(e.name()));
    }
  }

  @Test
  void trainingStateKeepsItsPythonValues() {
    Map<String, Object> root = root("fairseq_args.pt");
    assertEquals(List.of("args", "model", "optimizer_history", "extra_state", "last_optimizer_state"),
        List.copyOf(root.keySet()));
    assertEquals(List.of(Map.of("criterion_name", "CrossEntropyCriterion", "optimizer_name", "FairseqAdam",
        "lr_scheduler_state", Map.of("best", 3.25), "num_updates", 300L)), root.get("optimizer_history"));
    Map<?, ?> extra = (Map<?, ?>) root.get("extra_state");
    assertEquals(2L, extra.get("epoch"));
    assertEquals(12.5, extra.get("previous_training_time"));
    assertEquals(Map.of("epoch", 2L, "iterations_in_epoch", 0L, "shuffle", true), extra.get("train_iterator"));
    assertEquals(Map.of(), extra.get("metrics"));
    Map<?, ?> opt = (Map<?, ?>) root.get("last_optimizer_state");
    Map<?, ?> state0 = (Map<?, ?>) ((Map<?, ?>) opt.get("state")).get(0L);
    TorchTensor expAvg = (TorchTensor) state0.get("exp_avg");
    assertEquals(TorchDtype.INT64, expAvg.dtype());
    assertArrayEquals(new long[] {-2, -1, 0, 1, 2}, expAvg.toArray(DataType.LONG).toLongVector());
    Map<?, ?> group = (Map<?, ?>) ((List<?>) opt.get("param_groups")).get(0);
    assertEquals(List.of(0.9, 0.98), group.get("betas"));
    assertEquals(List.of(0L), group.get("params"));
  }

  @Test
  void namespaceBecomesAMapOfItsAttributes() {
    Map<?, ?> args = (Map<?, ?>) root("fairseq_args.pt").get("args");
    assertEquals("transformer_lm", args.get("arch"));
    assertEquals(BigInteger.TWO.pow(70), args.get("big_number"));
    assertEquals(-512L, args.get("tokens_per_sample"));
    assertTrue(args.containsKey("adaptive_softmax_cutoff"));
    assertNull(args.get("adaptive_softmax_cutoff"));
    assertArrayEquals(new byte[] {0, (byte) 0xff, 'l', 'e', 'a', 'p'}, (byte[]) args.get("magic"));
    Map<?, ?> argsP4 = (Map<?, ?>) root("fairseq_args_p4.pt").get("args");
    assertArrayEquals((byte[]) args.get("magic"), (byte[]) argsP4.get("magic"));
  }

  @Test
  void float64CheckpointIsExact() {
    Map<Object, Object> model = model(root("float64.pt"));
    TorchTensor w = (TorchTensor) model.get("w");
    assertEquals(TorchDtype.FLOAT64, w.dtype());
    assertValues(new Expected("w", new long[] {3, 4}, i -> (i - 7) / 3.0), w);
    assertValues(new Expected("w_t", new long[] {4, 3}, i -> ((i % 3) * 4 + i / 3 - 7) / 3.0),
        (TorchTensor) model.get("w_t"));
    assertValues(new Expected("b", new long[] {3}, i -> (i - 7) / 3.0), (TorchTensor) model.get("b"));
  }

  @Test
  void everyOtherDtypeConverts() {
    Map<String, Object> d = root("dtypes.pt");
    assertValues(new Expected("f16", new long[] {2, 3}, i -> i / 2.0 - 1), (TorchTensor) d.get("f16"));
    assertValues(new Expected("bf16", new long[] {6}, i -> i / 4.0 + 1), (TorchTensor) d.get("bf16"));
    long base = 1L << 40;
    assertArrayEquals(new long[] {base - 3, base - 2, base - 1, base, base + 1, base + 2},
        ((TorchTensor) d.get("i64")).toArray(DataType.LONG).toLongVector());
    assertArrayEquals(new int[] {-3, -2, -1, 0, 1, 2},
        ((TorchTensor) d.get("i32")).toArray(DataType.INT).toIntVector());
    assertArrayEquals(new long[] {0, -100, -200, -300, -400, -500},
        ((TorchTensor) d.get("i16")).toArray(DataType.LONG).toLongVector());
    assertArrayEquals(new long[] {-3, -2, -1, 0, 1, 2},
        ((TorchTensor) d.get("i8")).toArray(DataType.LONG).toLongVector());
    assertArrayEquals(new long[] {0, 50, 100, 150, 200, 250},
        ((TorchTensor) d.get("u8")).toArray(DataType.LONG).toLongVector());
    assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0}, ((TorchTensor) d.get("bool")).toFloat64().toDoubleVector());
    assertEquals(TorchDtype.BOOL, ((TorchTensor) d.get("bool")).dtype());
    assertThrows(IllegalArgumentException.class, () -> ((TorchTensor) d.get("f16")).toArray(DataType.LONG));
  }
}
