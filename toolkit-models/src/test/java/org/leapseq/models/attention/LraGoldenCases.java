// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import static org.leapseq.models.attention.GoldenAttentionTest.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Golden cases of the LRA cores ({@code [B, H, N, D]} inputs) and the LRA {@code Attention} block. */
final class LraGoldenCases {
  private LraGoldenCases() {}

  /** [B, H, N, D] -> [G, N, D]. */
  static INDArray groups(INDArray x) {
    return x.reshape('c', x.size(0) * x.size(1), x.size(2), x.size(3));
  }

  /** Applies kernel to the file's Q, K, V, mask; returns [B, H, N, D]. */
  static INDArray core(JsonNode inputs, AttentionKernel kernel) {
    INDArray q = Golden.tensor(inputs.get("Q"));
    INDArray out = kernel.attend(groups(q), groups(Golden.tensor(inputs.get("K"))),
        groups(Golden.tensor(inputs.get("V"))), KeyPadding.fromValid(Golden.tensor(inputs.get("mask"))));
    return out.reshape('c', q.size(0), q.size(1), out.size(1), out.size(2));
  }

  static List<DynamicTest> leapformerCore(JsonNode root, double tol) {
    JsonNode t = root.get("weights").get("tensors");
    LeapformerCore k = new LeapformerCore(Golden.leap(t, "q_numer"), Golden.leap(t, "k_numer"), Denominator.exact());
    int inter = root.get("config").get("learned_inter_size").asInt();
    return List.of(check("out (learned_inter_size " + inter + ")", root.get("outputs").path("out"),
        () -> core(root.get("inputs"), k), tol));
  }

  static List<DynamicTest> cosformerCore(JsonNode root, double tol) {
    JsonNode in = root.get("inputs");
    JsonNode out = root.get("outputs");
    return List.of(
        check("out_cosformer", out.path("out_cosformer"),
            () -> core(in, new CosformerAttention(Denominator.exact())), tol),
        check("out_relu_linear", out.path("out_relu_linear"),
            () -> core(in, new ReluLinearAttention(Denominator.exact())), tol));
  }

  static List<DynamicTest> attentionBlock(JsonNode root, double tol) {
    JsonNode w = root.get("weights");
    int heads = root.get("config").get("num_head").asInt();
    JsonNode cos = w.get("cosformer_block").get("tensors");
    JsonNode leap = w.get("leapformer_block").get("tensors");
    LraAttentionBlock cosBlock = block(cos, heads, new CosformerAttention(Denominator.exact()));
    LraAttentionBlock leapBlock = block(leap, heads, new LeapformerCore(
        Golden.leap(leap, "attn.q_numer"), Golden.leap(leap, "attn.k_numer"), Denominator.exact()));
    INDArray x = Golden.tensor(root.get("inputs").get("X"));
    KeyPadding pad = KeyPadding.fromValid(Golden.tensor(root.get("inputs").get("mask")));
    JsonNode out = root.get("outputs");
    return List.of(
        check("out_cosformer_block", out.path("out_cosformer_block"), () -> cosBlock.forward(x, pad), tol),
        check("out_leapformer_block", out.path("out_leapformer_block"), () -> leapBlock.forward(x, pad), tol));
  }

  private static LraAttentionBlock block(JsonNode t, int heads, AttentionKernel kernel) {
    return new LraAttentionBlock(Golden.linear(t, "W_q"), Golden.linear(t, "W_k"), Golden.linear(t, "W_v"),
        Golden.linear(t, "ff"), heads, kernel);
  }
}
