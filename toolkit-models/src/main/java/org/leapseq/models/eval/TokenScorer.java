// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.eval;

import java.util.List;
import org.leapseq.core.Require;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.lm.LanguageModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Log-probabilities (natural log) of chosen target tokens from decoder features, for one model or an ensemble
 * (fairseq's {@code SequenceScorer}: an ensemble averages the models' probabilities, then takes the log). Only the
 * scored positions go through the output layer, in slices of at most {@code softmaxBatch} rows, so memory stays
 * at {@code softmaxBatch x V} whatever the batch. Not thread-safe (it reuses its logits buffer).
 */
public final class TokenScorer {
  private final int softmaxBatch;
  private INDArray buffer;

  /** A scorer sending at most {@code softmaxBatch} positions through the output layer at once. */
  public TokenScorer(int softmaxBatch) {
    Require.that(softmaxBatch > 0, "--softmax-batch must be positive, got %d", softmaxBatch);
    this.softmaxBatch = softmaxBatch;
  }

  /**
   * The log-probability of {@code targets[i]} at flat position {@code rows[i]} of {@code features} [B, T, E]
   * (row index {@code b * T + t}) under {@code model}.
   */
  public double[] score(LanguageModel model, Tensor features, int[] rows, int[] targets) {
    Require.that(rows.length == targets.length, "%d positions but %d targets", rows.length, targets.length);
    double[] out = new double[rows.length];
    if (rows.length == 0) {
      return out;
    }
    INDArray f = features.value();
    INDArray flat = f.reshape('c', f.size(0) * f.size(1), f.size(2));
    try (NoGrad ignored = NoGrad.enter()) {
      int perPass = sliceRows(model, f);
      for (int start = 0; start < rows.length; start += perPass) {
        int end = Math.min(rows.length, start + perPass);
        int[] slice = java.util.Arrays.copyOfRange(rows, start, end);
        INDArray x = Nd4j.pullRows(flat, 1, slice);
        int[] tgt = java.util.Arrays.copyOfRange(targets, start, end);
        double[] lp = model.outputWeight().isPresent()
            ? projected(x, model.outputWeight().get().value(), tgt)
            : picked(logProbs(model, Tensor.constant(x.reshape(1, end - start, f.size(2)))), tgt);
        System.arraycopy(lp, 0, out, start, lp.length);
      }
    }
    return out;
  }

  /**
   * Positions per pass through the output layer: {@code --softmax-batch}, and no more than keep the [rows, V]
   * logits near 16 MB, so the five passes over them (product, max, shift, exp, sum) stay in cache.
   */
  private int sliceRows(LanguageModel model, INDArray features) {
    long v = model.vocabSize();
    long cached = (16L << 20) / (v * features.dataType().width());
    return (int) Math.max(1, Math.min(softmaxBatch, cached));
  }

  /**
   * log_softmax(x W^T)[i, target_i] with the [N, V] logits written into one reused buffer and normalised in place
   * (no fresh V-wide arrays per slice: those cost more in page faults than the product itself).
   */
  private double[] projected(INDArray x, INDArray weight, int[] targets) {
    int n = (int) x.size(0);
    long v = weight.size(0);
    if (buffer == null || buffer.dataType() != x.dataType() || buffer.size(1) != v || buffer.size(0) < n) {
      buffer = Nd4j.create(x.dataType(), Math.max(n, Math.min(softmaxBatch, 1024)), v);
    }
    INDArray z = buffer.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    Nd4j.gemm(x, weight, z, false, true, 1.0, 0.0);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = z.getDouble(i, targets[i]);
    }
    INDArray max = z.max(1);
    z.subiColumnVector(max.reshape(n, 1));
    Transforms.exp(z, false);
    INDArray sum = z.sum(1);
    for (int i = 0; i < n; i++) {
      out[i] -= max.getDouble(i) + Math.log(sum.getDouble(i));
    }
    return out;
  }

  private static double[] picked(INDArray lprobs, int[] targets) {
    double[] out = new double[targets.length];
    for (int i = 0; i < targets.length; i++) {
      out[i] = lprobs.getDouble(i, targets[i]);
    }
    return out;
  }

  /**
   * The ensemble's log-probabilities: {@code log(mean_m exp(lp_m))} over the models' {@link #score} results
   * (computed stably); a single model's scores are returned as they are.
   */
  public static double[] ensemble(List<double[]> perModel) {
    Require.that(!perModel.isEmpty(), "an ensemble needs at least one model");
    if (perModel.size() == 1) {
      return perModel.get(0);
    }
    int n = perModel.get(0).length;
    double[] out = new double[n];
    double logM = Math.log(perModel.size());
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double[] m : perModel) {
        max = Math.max(max, m[i]);
      }
      if (max == Double.NEGATIVE_INFINITY) {
        out[i] = max;
        continue;
      }
      double sum = 0;
      for (double[] m : perModel) {
        sum += Math.exp(m[i] - max);
      }
      out[i] = max + Math.log(sum) - logM;
    }
    return out;
  }

  /** features [1, N, E] -> log-probabilities [N, V]. */
  private static INDArray logProbs(LanguageModel model, Tensor x) {
    if (model.adaptiveSoftmax().isPresent()) {
      INDArray lp = model.adaptiveSoftmax().get().getLogProb(x).value();
      return lp.reshape(lp.size(1), lp.size(2));
    }
    INDArray logits = model.logits(x).value();
    INDArray z = logits.reshape(logits.size(1), logits.size(2)).dup('c');
    INDArray max = z.max(1).reshape(z.size(0), 1);
    z.subiColumnVector(max);
    INDArray lse = Transforms.log(Transforms.exp(z, true).sum(1), false).reshape(z.size(0), 1);
    return z.subiColumnVector(lse);
  }
}
