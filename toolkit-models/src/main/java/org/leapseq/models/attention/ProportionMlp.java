// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import java.util.List;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The LeaP module: {@code Linear -> ReLU -> ... -> Linear -> Sigmoid}, one scalar proportion in (0, 1) per token and
 * head. fairseq uses two layers {@code D -> D/leap_factor -> 1}; LRA with {@code learned_inter_size = 1} a single
 * {@code Linear(D, 1)}. Shared across heads.
 *
 * @param layers the linear layers; ReLU between them, sigmoid after the last
 */
public record ProportionMlp(List<Linear> layers) {
  /** Copies the layer list and checks that it ends in one output. */
  public ProportionMlp {
    layers = List.copyOf(layers);
    Require.that(!layers.isEmpty(), "ProportionMlp needs at least one layer");
    Require.that(layers.get(layers.size() - 1).weight().size(0) == 1, "last LeaP layer must have one output");
  }

  /** Two layers, the fairseq {@code q_LeaP}/{@code k_LeaP} shape. */
  public static ProportionMlp of(Linear... layers) {
    return new ProportionMlp(List.of(layers));
  }

  /** x: [G, N, D] (ReLU features) -> p: [G, N, 1]. */
  public INDArray apply(INDArray x) {
    long[] shape = x.shape();
    INDArray h = x.reshape('c', shape[0] * shape[1], shape[2]);
    for (int i = 0; i < layers.size(); i++) {
      h = layers.get(i).apply(h);
      h = i + 1 < layers.size() ? Transforms.relu(h, false) : Transforms.sigmoid(h, false);
    }
    return h.reshape('c', shape[0], shape[1], 1);
  }
}
