// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.leapseq.models.attention.GoldenAttentionTest.check;
import static org.leapseq.models.attention.GoldenAttentionTest.lazy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Golden cases of the SimulST wait-k LeaPformer cross-attention (inference calls and training-time beta). */
final class SimulstGoldenCases {
  /** The training file's module is the inference file's (its note says so); weights are read from there. */
  static final String MODULE_FILE = "simulst_waitk_leapformer_cross_attn_infer.json";
  /**
   * {@code expected_soft_attention} casts to float32 ({@code alpha.float()}), so its beta has float32 precision
   * even in a float64 run; compared at float32 tolerance.
   */
  static final double TOL_FLOAT32_INSIDE = 1e-6;

  private SimulstGoldenCases() {}

  static WaitKLeapformerCrossAttention module(JsonNode root) {
    JsonNode a = root.get("args");
    JsonNode t = root.get("weights").get("tensors");
    MultiheadWeights w = new MultiheadWeights(Golden.linear(t, "q_proj"), Golden.linear(t, "k_proj"),
        Golden.linear(t, "v_proj"), Golden.linear(t, "out_proj"), a.get("decoder_attention_heads").asInt());
    return new WaitKLeapformerCrossAttention(
        FairseqLeapformerAttention.of(w, Golden.leap(t, "q_LeaP"), Golden.leap(t, "k_LeaP")),
        new WaitKPolicy(a.get("waitk_lagging").asInt(), a.get("fixed_pre_decision_ratio").asInt()));
  }

  static List<DynamicTest> inference(JsonNode root, double tol) {
    WaitKLeapformerCrossAttention m = module(root);
    INDArray enc = Golden.tensor(root.get("inputs").get("encoder_states_full"));
    int heads = m.attention().weights().heads();
    Supplier<List<WaitKLeapformerCrossAttention.Result>> run = lazy(() -> {
      List<WaitKLeapformerCrossAttention.Result> results = new ArrayList<>();
      MonotonicState state = MonotonicState.start((int) enc.size(1), heads);
      for (JsonNode call : root.get("calls")) {
        int src = call.get("key_value_prefix_len").asInt();
        int tgt = call.get("incremental_state_steps").get("tgt").asInt();
        INDArray prefix = enc.get(NDArrayIndex.interval(0, src), NDArrayIndex.all(), NDArrayIndex.all());
        WaitKLeapformerCrossAttention.Result r =
            m.step(Golden.tensor(call.get("query")), prefix, tgt - 1, state);
        results.add(r);
        state = r.state();
      }
      return results;
    });
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode call : root.get("calls")) {
      int i = call.get("call_index").asInt();
      String n = "call " + i + " ";
      Supplier<WaitKLeapformerCrossAttention.Result> r = () -> run.get().get(i);
      tests.add(check(n + "p_choose", call.path("p_choose"), () -> pChoose(r.get(), heads), tol));
      tests.add(dynamicTest(n + "head_step", () -> assertArrayEquals(
          ints(call.get("head_step")), r.get().state().headSteps(), n + "head_step")));
      tests.add(dynamicTest(n + "head_read", () -> assertArrayEquals(
          bools(call.get("head_read")), r.get().headRead(), n + "head_read")));
      tests.add(check(n + "beta", call.path("beta"), () -> bhts(r.get().beta(), heads), tol));
      tests.add(check(n + "out", call.path("out"), () -> r.get().out(), tol));
    }
    return tests;
  }

  static List<DynamicTest> trainingBeta(Path file, JsonNode root, double tol) {
    INDArray alpha = Golden.tensor(root.get("alpha"));
    INDArray energy = Golden.tensor(root.get("soft_energy_leapformer_scores"));
    double eps = Golden.read(file.resolveSibling(MODULE_FILE)).get("args").get("attention_eps").asDouble();
    Supplier<WaitKLeapformerCrossAttention> m = lazy(() -> module(Golden.read(file.resolveSibling(MODULE_FILE))));
    return List.of(
        check("soft_energy_leapformer_scores", root.path("soft_energy_leapformer_scores"), () -> {
          FairseqLeapformerAttention a = m.get().attention();
          return a.core().scores(a.projectQuery(Golden.tensor(root.get("queries"))),
              a.projectKey(Golden.tensor(root.get("keys_values"))), KeyPadding.NONE);
        }, tol),
        check("beta_training_reference (SOFTMAX_OVER_PREFIX, float32 inside the reference)",
            root.path("beta_training_reference"),
            () -> WaitKLeapformerCrossAttention.trainingBeta(alpha, energy, SoftNormalisation.SOFTMAX_OVER_PREFIX, eps),
            Math.max(tol, TOL_FLOAT32_INSIDE)),
        check("beta_if_linear_normalised_like_inference (LINEAR)",
            root.path("beta_if_linear_normalised_like_inference"),
            () -> WaitKLeapformerCrossAttention.trainingBeta(alpha, energy, SoftNormalisation.LINEAR, eps), tol));
  }

  /** [B, H, 1, S] p_choose (the same for every head). */
  private static INDArray pChoose(WaitKLeapformerCrossAttention.Result r, int heads) {
    double[] p = r.pChoose();
    int groups = r.state().headSteps().length;
    INDArray row = Nd4j.createFromArray(p).reshape(1, 1, 1, p.length);
    return row.repeat(1, heads).repeat(0, groups / heads);
  }

  /** beta [G, 1, S] -> [B, H, 1, S]. */
  private static INDArray bhts(INDArray beta, int heads) {
    return beta.reshape('c', beta.size(0) / heads, heads, beta.size(1), beta.size(2));
  }

  /** [H, 1] (batch 1) integers -> [G]. */
  private static int[] ints(JsonNode n) {
    return Golden.tensor(n).ravel().toIntVector();
  }

  private static boolean[] bools(JsonNode n) {
    int[] v = ints(n);
    boolean[] b = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = v[i] != 0;
    }
    return b;
  }
}
