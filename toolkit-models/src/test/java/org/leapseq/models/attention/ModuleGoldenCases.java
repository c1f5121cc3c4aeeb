// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import static org.leapseq.models.attention.GoldenAttentionTest.check;
import static org.leapseq.models.attention.GoldenAttentionTest.lazy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.modules.AttentionMechanism;
import org.leapseq.models.modules.LeapformerMechanism;
import org.leapseq.models.modules.LinearMechanism.CausalForm;
import org.leapseq.models.modules.LinearMechanism;
import org.leapseq.models.modules.Masking;
import org.leapseq.models.modules.MultiheadAttention;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The fairseq golden cases run again through the trainable {@link MultiheadAttention} module: the golden weights
 * are loaded into its state dict by their fairseq names, so this also checks names, shapes and layouts.
 */
final class ModuleGoldenCases {
  private ModuleGoldenCases() {}

  /** A module whose sizes come from the golden weights, loaded with them. */
  static MultiheadAttention module(JsonNode root, CausalForm form, int chunk) {
    Map<String, INDArray> weights = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.get("weights").get("tensors").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      weights.put(e.getKey(), Golden.tensor(e.getValue()));
    }
    INDArray q = weights.get("q_proj.weight");
    INDArray leap = weights.get("q_LeaP.0.weight");
    int embed = (int) q.size(0);
    int headDim = (int) leap.size(1);
    int leapFactor = headDim / (int) leap.size(0);
    MultiheadAttention.Config cfg = new MultiheadAttention.Config(embed, embed / headDim,
        (int) weights.get("k_proj.weight").size(1), (int) weights.get("v_proj.weight").size(1), 0.0, true);
    LeapformerMechanism.Config mech = new LeapformerMechanism.Config(leapFactor, 0, 0.1, form, chunk);
    MultiheadAttention m =
        new MultiheadAttention(cfg, ctx -> new LeapformerMechanism(ctx, mech), q.dataType(), new Rng(0));
    m.loadStateDict(weights);
    m.eval();
    return m;
  }

  static List<DynamicTest> noncausal(JsonNode root, double tol) {
    MultiheadAttention m = module(root, CausalForm.CHUNKED, 128);
    INDArray x = Golden.tensor(root.get("inputs").get("x"));
    JsonNode out = root.get("outputs");
    return List.of(
        check("module: out_train_path", out.path("out_train_path"), () -> forward(m, x, x, Masking.NONE), tol),
        check("module: out_bidir_infer_path (memory/read)", out.path("out_bidir_infer_path"),
            () -> m.read(m.memory(x, x, KeyPadding.NONE), x), tol));
  }

  static List<DynamicTest> noncausalPadded(JsonNode root, double tol) {
    MultiheadAttention m = module(root, CausalForm.CHUNKED, 128);
    INDArray x = Golden.tensor(root.get("inputs").get("x"));
    KeyPadding pad = KeyPadding.fromPad(Golden.booleans(root.get("inputs").get("key_padding_mask")));
    JsonNode out = root.get("outputs");
    return List.of(
        check("module: out", out.path("out"), () -> forward(m, x, x, Masking.padded(pad)), tol),
        check("module: out (memory/read)", out.path("out"), () -> m.read(m.memory(x, x, pad), x), tol));
  }

  static List<DynamicTest> causal(JsonNode root, double tol) {
    INDArray x = Golden.tensor(root.get("inputs").get("x"));
    JsonNode out = root.get("outputs");
    int t = (int) x.size(0);
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(check("module: out_full_sequence (quadratic)", out.path("out_full_sequence"),
        () -> forward(module(root, CausalForm.QUADRATIC, 128), x, x, Masking.causalSelf()), tol));
    for (int chunk : new int[] {1, 3, 128}) {
      tests.add(check("module: out_full_sequence (chunk " + chunk + ")", out.path("out_full_sequence"),
          () -> forward(module(root, CausalForm.CHUNKED, chunk), x, x, Masking.causalSelf()), tol));
    }
    Supplier<List<AttentionMechanism.Decoded>> run = lazy(() -> decode(module(root, CausalForm.CHUNKED, 128), x));
    for (int s = 0; s < t; s++) {
      int step = s;
      tests.add(check("module: out_incremental_recurrent step " + step,
          FairseqGoldenCases.row(out.path("out_incremental_recurrent"), step), () -> run.get().get(step).out(), tol));
    }
    for (JsonNode snap : root.get("recurrent_state_snapshots").get("snapshots")) {
      int after = snap.get("after_step").asInt();
      Supplier<LinearAttentionState> st =
          () -> ((LinearMechanism.RecurrentState) run.get().get(after).state()).sums();
      int d = (int) (st.get().kv().size(2));
      tests.add(check("module: kTv_sin after step " + after, snap.path("kTv_sin"),
          () -> FairseqGoldenCases.half(st.get().kv(), 0, d), tol));
      tests.add(check("module: norm_cos after step " + after, snap.path("norm_cos"),
          () -> FairseqGoldenCases.norm(st.get(), d, d), tol));
    }
    return tests;
  }

  static List<DynamicTest> cross(JsonNode root, double tol) {
    MultiheadAttention m = module(root, CausalForm.CHUNKED, 128);
    INDArray xq = Golden.tensor(root.get("inputs").get("xq"));
    INDArray enc = Golden.tensor(root.get("inputs").get("enc"));
    KeyPadding pad = KeyPadding.fromPad(Golden.booleans(root.get("inputs").get("key_padding_mask")));
    JsonNode out = root.get("outputs");
    return List.of(
        check("module: out_train_padded", out.path("out_train_padded"),
            () -> forward(m, xq, enc, Masking.padded(pad)), tol),
        check("module: out_train_unpadded", out.path("out_train_unpadded"),
            () -> forward(m, xq, enc, Masking.NONE), tol),
        check("module: incremental padded == out_train_padded", out.path("out_train_padded"),
            () -> m.read(m.memory(enc, enc, pad), xq), tol),
        check("module: out_incremental_unpadded", out.path("out_incremental_unpadded"),
            () -> m.read(m.memory(enc, enc, KeyPadding.NONE), xq), tol));
  }

  private static INDArray forward(MultiheadAttention m, INDArray q, INDArray kv, Masking masking) {
    return m.forward(Tensor.constant(q), Tensor.constant(kv), Tensor.constant(kv), masking).value();
  }

  private static List<AttentionMechanism.Decoded> decode(MultiheadAttention m, INDArray x) {
    List<AttentionMechanism.Decoded> steps = new ArrayList<>();
    var state = m.emptyState((int) x.size(1), x.dataType());
    for (int t = 0; t < x.size(0); t++) {
      AttentionMechanism.Decoded d =
          m.step(state, x.get(NDArrayIndex.interval(t, t + 1), NDArrayIndex.all(), NDArrayIndex.all()));
      steps.add(d);
      state = d.state();
    }
    return steps;
  }
}
