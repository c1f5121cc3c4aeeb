// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import static org.leapseq.models.attention.GoldenAttentionTest.check;
import static org.leapseq.models.attention.GoldenAttentionTest.lazy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Golden cases of the fairseq fork's {@code MultiheadAttention} with LeaPformer. */
final class FairseqGoldenCases {
  private FairseqGoldenCases() {}

  static FairseqLeapformerAttention module(JsonNode root) {
    JsonNode t = root.get("weights").get("tensors");
    ProportionMlp queryLeap = Golden.leap(t, "q_LeaP");
    Linear q = Golden.linear(t, "q_proj");
    int heads = (int) (q.weight().size(0) / queryLeap.layers().get(0).weight().size(1));
    MultiheadWeights w = new MultiheadWeights(q, Golden.linear(t, "k_proj"),
        Golden.linear(t, "v_proj"), Golden.linear(t, "out_proj"), heads);
    return FairseqLeapformerAttention.of(w, queryLeap, Golden.leap(t, "k_LeaP"));
  }

  static List<DynamicTest> noncausal(JsonNode root, double tol) {
    FairseqLeapformerAttention m = module(root);
    INDArray x = Golden.tensor(root.get("inputs").get("x"));
    JsonNode im = root.get("intermediates");
    JsonNode out = root.get("outputs");
    return List.of(
        check("q_proj_out", im.path("q_proj_out"), () -> m.weights().query().applyLast(x), tol),
        check("k_proj_out", im.path("k_proj_out"), () -> m.weights().key().applyLast(x), tol),
        check("v_proj_out", im.path("v_proj_out"), () -> m.weights().value().applyLast(x), tol),
        check("q_proportion", im.path("q_proportion"), () -> m.core().queryProportions(m.projectQuery(x)), tol),
        check("k_proportion", im.path("k_proportion"),
            () -> m.core().keyProportions(m.projectKey(x), KeyPadding.NONE), tol),
        check("normalizer_before_out_proj", im.path("normalizer_before_out_proj"),
            () -> normalizer(m, x, x, KeyPadding.NONE, Causality.NON_CAUSAL), tol),
        check("out_train_path", out.path("out_train_path"),
            () -> m.forward(x, x, x, KeyPadding.NONE, Causality.NON_CAUSAL), tol),
        check("out_bidir_infer_path (linear form)", out.path("out_bidir_infer_path"),
            () -> m.readStatic(m.staticState(x, x, KeyPadding.NONE), x), tol));
  }

  static List<DynamicTest> noncausalPadded(JsonNode root, double tol) {
    FairseqLeapformerAttention m = module(root);
    INDArray x = Golden.tensor(root.get("inputs").get("x"));
    KeyPadding pad = KeyPadding.fromPad(Golden.booleans(root.get("inputs").get("key_padding_mask")));
    JsonNode out = root.get("outputs");
    return List.of(
        check("out", out.path("out"), () -> m.forward(x, x, x, pad, Causality.NON_CAUSAL), tol),
        check("normalizer", out.path("normalizer"), () -> normalizer(m, x, x, pad, Causality.NON_CAUSAL), tol),
        check("out (linear form)", out.path("out"), () -> m.readStatic(m.staticState(x, x, pad), x), tol));
  }

  static List<DynamicTest> causal(JsonNode root, double tol) {
    FairseqLeapformerAttention m = module(root);
    INDArray x = Golden.tensor(root.get("inputs").get("x"));
    JsonNode im = root.get("intermediates");
    JsonNode out = root.get("outputs");
    int t = (int) x.size(0);
    List<DynamicTest> tests = new ArrayList<>(List.of(
        check("q_proportion", im.path("q_proportion"), () -> m.core().queryProportions(m.projectQuery(x)), tol),
        check("k_proportion", im.path("k_proportion"),
            () -> m.core().keyProportions(m.projectKey(x), KeyPadding.NONE), tol),
        check("normalizer", im.path("normalizer"), () -> normalizer(m, x, x, KeyPadding.NONE, Causality.CAUSAL), tol),
        check("out_full_sequence (masked quadratic)", out.path("out_full_sequence"),
            () -> m.forward(x, x, x, KeyPadding.NONE, Causality.CAUSAL), tol)));
    for (int chunk : new int[] {1, 2, 3, t, t + 4}) {
      tests.add(check("out_full_sequence (chunkwise, chunk " + chunk + ")", out.path("out_full_sequence"),
          () -> m.projectOut(m.core().causalChunked(m.projectQuery(x), m.projectKey(x), m.projectValue(x), chunk)),
          tol));
    }
    Supplier<List<FairseqLeapformerAttention.Decoded>> run = lazy(() -> decode(m, x));
    for (String name : List.of("out_incremental_recurrent", "out_incremental_kv_cache")) {
      for (int s = 0; s < t; s++) {
        int step = s;
        tests.add(check(name + " step " + step, row(out.path(name), step), () -> run.get().get(step).out(), tol));
      }
    }
    for (JsonNode snap : root.get("recurrent_state_snapshots").get("snapshots")) {
      int after = snap.get("after_step").asInt();
      Supplier<LinearAttentionState> st = () -> run.get().get(after).state();
      int d = m.weights().headDim();
      tests.add(check("kTv_sin after step " + after, snap.path("kTv_sin"), () -> half(st.get().kv(), 0, d), tol));
      tests.add(check("kTv_cos after step " + after, snap.path("kTv_cos"), () -> half(st.get().kv(), d, d), tol));
      tests.add(check("norm_sin after step " + after, snap.path("norm_sin"), () -> norm(st.get(), 0, d), tol));
      tests.add(check("norm_cos after step " + after, snap.path("norm_cos"), () -> norm(st.get(), d, d), tol));
    }
    return tests;
  }

  static List<DynamicTest> cross(JsonNode root, double tol) {
    FairseqLeapformerAttention m = module(root);
    INDArray xq = Golden.tensor(root.get("inputs").get("xq"));
    INDArray enc = Golden.tensor(root.get("inputs").get("enc"));
    KeyPadding pad = KeyPadding.fromPad(Golden.booleans(root.get("inputs").get("key_padding_mask")));
    JsonNode out = root.get("outputs");
    List<DynamicTest> tests = new ArrayList<>(List.of(
        check("out_train_padded", out.path("out_train_padded"),
            () -> m.forward(xq, enc, enc, pad, Causality.NON_CAUSAL), tol),
        check("out_train_unpadded", out.path("out_train_unpadded"),
            () -> m.forward(xq, enc, enc, KeyPadding.NONE, Causality.NON_CAUSAL), tol)));
    Supplier<LinearAttentionState> unpadded = lazy(() -> m.staticState(enc, enc, KeyPadding.NONE));
    Supplier<LinearAttentionState> padded = lazy(() -> m.staticState(enc, enc, pad));
    for (int s = 0; s < xq.size(0); s++) {
      INDArray q = xq.get(NDArrayIndex.interval(s, s + 1), NDArrayIndex.all(), NDArrayIndex.all());
      tests.add(check("out_incremental_unpadded step " + s, row(out.path("out_incremental_unpadded"), s),
          () -> m.readStatic(unpadded.get(), q), tol));
      tests.add(check("incremental padded step " + s + " == out_train_padded (reference bug not copied)",
          row(out.path("out_train_padded"), s), () -> m.readStatic(padded.get(), q), tol));
    }
    tests.add(GoldenAttentionTest.differs("out_incremental_padded (reference ignores key_padding_mask) is NOT matched",
        out.path("out_incremental_padded"), () -> m.readStatic(padded.get(), xq), 1e-3));
    return tests;
  }

  /** Step-by-step recurrent decoding of x: [T, B, E]; entry t holds step t's output [1, B, E] and state. */
  static List<FairseqLeapformerAttention.Decoded> decode(FairseqLeapformerAttention m, INDArray x) {
    List<FairseqLeapformerAttention.Decoded> steps = new ArrayList<>();
    LinearAttentionState state = m.emptyState(x, (int) x.size(1));
    for (int t = 0; t < x.size(0); t++) {
      FairseqLeapformerAttention.Decoded d =
          m.step(state, x.get(NDArrayIndex.interval(t, t + 1), NDArrayIndex.all(), NDArrayIndex.all()));
      steps.add(d);
      state = d.state();
    }
    return steps;
  }

  /** [B, H, T] denominators after the 0.1 floor. */
  static INDArray normalizer(FairseqLeapformerAttention m, INDArray q, INDArray kv, KeyPadding pad, Causality c) {
    INDArray fq = m.core().queryFeatures(m.projectQuery(q));
    INDArray fk = m.core().keyFeatures(m.projectKey(kv), pad);
    INDArray den = m.core().kernel().linear().denominators(fq, fk, c);
    int heads = m.weights().heads();
    return den.reshape('c', den.size(0) / heads, heads, den.size(1));
  }

  /** A [T, B, E] golden tensor's row t as a [1, B, E] golden node. */
  static JsonNode row(JsonNode tensor, int t) {
    if (tensor.isMissingNode()) {
      return tensor;
    }
    return Golden.JSON.createArrayNode().add(tensor.get("value").get(t));
  }

  static INDArray half(INDArray kv, int from, int size) {
    return kv.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + size), NDArrayIndex.all()).dup();
  }

  static INDArray norm(LinearAttentionState s, int from, int size) {
    INDArray z = s.z().get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + size)).dup();
    return z.reshape(z.size(0), size, 1);
  }
}
