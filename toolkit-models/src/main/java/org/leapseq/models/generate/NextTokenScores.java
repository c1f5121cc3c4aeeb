// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.generate;

import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.lm.LanguageModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Full next-token log-probability rows from decoder features (fairseq's {@code get_normalized_probs(log_probs=True)}
 * after dividing the decoder output by the temperature). A plain output projection writes its logits into one
 * reused buffer and normalises them in place.
 */
public final class NextTokenScores {
  private final LanguageModel model;
  private final double temperature;
  private INDArray buffer;

  /** Scores of {@code model} with its outputs divided by {@code temperature}. */
  public NextTokenScores(LanguageModel model, double temperature) {
    this.model = model;
    this.temperature = temperature;
  }

  /** features [N, E] (one row per hypothesis) -> log-probabilities [N][V] as doubles. */
  public double[][] rows(INDArray features) {
    try (NoGrad ignored = NoGrad.enter()) {
      INDArray x = temperature == 1.0 ? features : features.div(temperature);
      int n = (int) x.size(0);
      INDArray lp;
      if (model.outputWeight().isPresent()) {
        INDArray w = model.outputWeight().get().value();
        if (buffer == null || buffer.dataType() != x.dataType() || buffer.size(0) < n) {
          buffer = Nd4j.create(x.dataType(), Math.max(n, 8), w.size(0));
        }
        lp = buffer.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        Nd4j.gemm(x, w, lp, false, true, 1.0, 0.0);
      } else if (model.adaptiveSoftmax().isPresent()) {
        INDArray all = model.adaptiveSoftmax().get().getLogProb(Tensor.constant(x.reshape(1, n, x.size(1)))).value();
        return toRows(all.reshape(n, all.size(2)), false);
      } else {
        INDArray logits = model.logits(Tensor.constant(x.reshape(1, n, x.size(1)))).value();
        lp = logits.reshape(n, logits.size(2)).dup('c');
      }
      return toRows(lp, true);
    }
  }

  private static double[][] toRows(INDArray z, boolean normalise) {
    int n = (int) z.size(0);
    if (normalise) {
      INDArray max = z.max(1).reshape(n, 1);
      z.subiColumnVector(max);
      INDArray lse = Transforms.log(Transforms.exp(z, true).sum(1), false).reshape(n, 1);
      z.subiColumnVector(lse);
    }
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = z.getRow(i).toDoubleVector();
    }
    return out;
  }
}
