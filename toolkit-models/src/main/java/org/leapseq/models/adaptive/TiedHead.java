// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.adaptive;

import java.util.function.UnaryOperator;
import org.leapseq.core.nn.Linear;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.ShapeOps;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * fairseq's {@code TiedHeadModule}: the adaptive softmax head when the weights are tied to an adaptive input. The
 * first {@code cutoff[0]} outputs are the band-0 embedding as a tied linear ({@code word_proj.weight}, or
 * {@code word_proj.0.weight} [emb_dim, input_dim] then the tied {@code word_proj.1.weight} when the sizes differ);
 * the cluster outputs come from {@code class_proj.weight} [clusters, input_dim]; both new weights xavier-uniform.
 */
final class TiedHead extends Module {
  private final UnaryOperator<Tensor> words;
  private final Linear classProj;

  TiedHead(AdaptiveInput.BandWeights band0, int inputDim, int clusters, DataType type, Rng rng) {
    Tensor emb = band0.embedding();
    int embDim = (int) emb.size(1);
    if (inputDim == embDim) {
      words = child("word_proj", Linear.tied(emb))::forward;
    } else {
      Linear in = Linear.xavier(inputDim, embDim, Linear.Bias.WITHOUT, 1.0, type, rng);
      Sequential s = new Sequential().add(in, in::forward);
      Linear tied = Linear.tied(emb);
      words = child("word_proj", s.add(tied, tied::forward))::forward;
    }
    classProj = child("class_proj", Linear.xavier(inputDim, clusters, Linear.Bias.WITHOUT, 1.0, type, rng));
  }

  /** x: [N, input_dim] -> [N, cutoff[0] + clusters]. */
  Tensor forward(Tensor x) {
    return ShapeOps.concat(1, words.apply(x), classProj.forward(x));
  }
}
