// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import java.util.ArrayList;
import java.util.List;
import org.leapseq.core.Require;
import org.leapseq.core.tensor.LinalgOps;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.Linear;
import org.leapseq.models.attention.ProportionMlp;

/**
 * The LeaP proportion MLP as Tensor ops: {@code Linear -> ReLU -> ... -> Linear -> Sigmoid}, one proportion in
 * (0, 1) per token, shared across heads (fairseq {@code q_LeaP}/{@code k_LeaP}: D -> D/4 -> 1).
 *
 * @param weights per layer [O, I] (PyTorch layout)
 * @param biases per layer [O]
 */
public record LeapMlp(List<Tensor> weights, List<Tensor> biases) {
  /** Copies the lists and checks that they pair up and end in one output. */
  public LeapMlp {
    weights = List.copyOf(weights);
    biases = List.copyOf(biases);
    Require.that(!weights.isEmpty() && weights.size() == biases.size(), "LeapMlp needs matching weights and biases");
    Require.that(weights.get(weights.size() - 1).size(0) == 1, "last LeaP layer must have one output");
  }

  /** Lifts an INDArray MLP into trainable parameter tensors (copies of its arrays). */
  public static LeapMlp paramsOf(ProportionMlp mlp) {
    List<Tensor> w = new ArrayList<>();
    List<Tensor> b = new ArrayList<>();
    for (Linear layer : mlp.layers()) {
      w.add(Tensor.param(layer.weight().dup('c')));
      b.add(Tensor.param(layer.bias().reshape(layer.bias().length()).dup('c')));
    }
    return new LeapMlp(w, b);
  }

  /** x: [G, N, D] (ReLU features) -> p: [G, N, 1]. */
  public Tensor apply(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < weights.size(); i++) {
      h = LinalgOps.linear(h, weights.get(i), biases.get(i));
      h = i + 1 < weights.size() ? h.relu() : h.sigmoid();
    }
    return h;
  }

  /** Every parameter tensor, weights then biases per layer. */
  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      all.add(weights.get(i));
      all.add(biases.get(i));
    }
    return all;
  }
}
