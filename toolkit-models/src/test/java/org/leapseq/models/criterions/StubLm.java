// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.criterions;

import java.util.Optional;
import org.leapseq.core.nn.Embedding;
import org.leapseq.core.nn.Linear;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.adaptive.AdaptiveSoftmax;
import org.leapseq.models.lm.LanguageModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A float64 language model small enough to check by hand: an embedding and a linear output layer. */
final class StubLm extends Module implements LanguageModel {
  static final int VOCAB = 6;
  static final int DIM = 3;
  static final int PAD = 1;

  final Embedding embed;
  final Linear out;

  StubLm(long seed) {
    Rng rng = new Rng(seed);
    embed = child("embed_tokens", new Embedding(VOCAB, DIM, PAD, DataType.DOUBLE, rng));
    out = child("output_projection", new Linear(DIM, VOCAB, Linear.Bias.WITH, DataType.DOUBLE, rng));
    out.bias().value().assign(Nd4j.linspace(DataType.DOUBLE, -0.3, 0.1, VOCAB));
  }

  @Override
  public Tensor features(int[] tokens, int width) {
    return embed.forward(Nd4j.createFromArray(tokens).reshape(tokens.length / width, width));
  }

  @Override
  public Tensor logits(Tensor features) {
    return out.forward(features);
  }

  /** Empty: the output layer has a bias, so the criterions take the unfused path. */
  @Override
  public Optional<Tensor> outputWeight() {
    return Optional.empty();
  }

  @Override
  public Optional<AdaptiveSoftmax> adaptiveSoftmax() {
    return Optional.empty();
  }

  @Override
  public int vocabSize() {
    return VOCAB;
  }

  @Override
  public int paddingIdx() {
    return PAD;
  }

  /** The logits of one token, computed in plain double arithmetic from the parameters. */
  double[] logitsOf(int token) {
    double[] z = new double[VOCAB];
    for (int v = 0; v < VOCAB; v++) {
      double s = out.bias().value().getDouble(v);
      for (int d = 0; d < DIM; d++) {
        s += embed.weight().value().getDouble(token, d) * out.weight().value().getDouble(v, d);
      }
      z[v] = s;
    }
    return z;
  }

  /** log softmax of {@link #logitsOf}. */
  double[] logProbsOf(int token) {
    double[] z = logitsOf(token);
    double max = Double.NEGATIVE_INFINITY;
    for (double x : z) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (double x : z) {
      sum += Math.exp(x - max);
    }
    double lse = max + Math.log(sum);
    double[] lp = new double[VOCAB];
    for (int v = 0; v < VOCAB; v++) {
      lp[v] = z[v] - lse;
    }
    return lp;
  }
}
