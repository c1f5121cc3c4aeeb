// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.adaptive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.leapseq.core.Require;
import org.leapseq.core.nn.Dropout;
import org.leapseq.core.nn.Linear;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.ModuleList;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.Embedding;
import org.leapseq.core.tensor.MathOps;
import org.leapseq.core.tensor.NnOps;
import org.leapseq.core.tensor.ShapeOps;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * fairseq's {@code AdaptiveSoftmax} (Grave et al., 2017). The cutoffs (completed with V) split the vocabulary into
 * a head of the {@code cutoff[0]} most frequent words plus one class per tail cluster, and tail clusters
 * {@code [cutoff[i], cutoff[i+1])}. The head is {@code head.weight} [cutoff[0] + clusters, input_dim] or, tied to
 * an {@link AdaptiveInput}, a {@link TiedHead}; tail i is {@code tail.i}: {@code 0} a bias-free projection to
 * {@code floor(input_dim / factor^(i+1))}, {@code 1} dropout, {@code 2} a bias-free Linear to the cluster's words.
 * Under tying ({@code --tie-adaptive-weights}) {@code tail.i.2} is band i+1's embedding and {@code tail.i.0} is a
 * fresh Linear shaped as band i+1's projection transposed, or that projection itself transposed
 * ({@code --tie-adaptive-proj}). Untied weights are xavier-uniform. The input first goes through
 * {@code dropout_module} ({@code --adaptive-softmax-dropout}), as does the middle of each tail. fairseq's
 * {@code version} buffer is not registered.
 */
public final class AdaptiveSoftmax extends Module {
  /**
   * One piece of the training loss: logits [N_c, K_c] of the rows (flat B*T indices) that fall in cluster
   * {@code cluster} (0 = the head, which sees every row), and their remapped targets (cluster-local ids; for the
   * head, tail words become their class {@code cutoff[0] + i}).
   */
  public record Piece(int cluster, Tensor logits, int[] targets, int[] rows) {}

  /**
   * Targets split by cluster: the head targets [N], and per tail cluster i its rows (flat indices) and their
   * cluster-local ids.
   */
  public record Adapted(int[] headTargets, int[][] rows, int[][] targets) {}

  private final int vocab;
  private final int[] cutoff;
  private final Dropout dropout;
  private final UnaryOperator<Tensor> head;
  private final ModuleList<Sequential> tail;

  /**
   * @param vocab V
   * @param inputDim the feature size ({@code --decoder-output-dim})
   * @param cutoff {@code --adaptive-softmax-cutoff}
   * @param dropout {@code --adaptive-softmax-dropout}
   * @param factor {@code --adaptive-softmax-factor}
   * @param tiedTo the adaptive input to tie to ({@code --tie-adaptive-weights}), or empty
   * @param tieProj {@code --tie-adaptive-proj} (only with {@code tiedTo})
   */
  public AdaptiveSoftmax(int vocab, int inputDim, int[] cutoff, double dropout, double factor,
      Optional<AdaptiveInput> tiedTo, boolean tieProj, DataType type, Rng rng) {
    this.vocab = vocab;
    this.cutoff = Cutoffs.complete(cutoff, vocab);
    int clusters = this.cutoff.length - 1;
    Require.that(!tieProj || tiedTo.isPresent(), "--tie-adaptive-proj needs --tie-adaptive-weights");
    tiedTo.ifPresent(ai -> Require.that(Arrays.equals(ai.cutoff(), this.cutoff),
        "tied adaptive softmax cutoffs %s differ from the adaptive input's %s",
        Arrays.toString(this.cutoff), Arrays.toString(ai.cutoff())));
    this.dropout = child("dropout_module", new Dropout(dropout, rng));
    if (tiedTo.isPresent()) {
      head = child("head", new TiedHead(tiedTo.get().weightsForBand(0), inputDim, clusters, type, rng))::forward;
    } else {
      head = child("head", Linear.xavier(inputDim, this.cutoff[0] + clusters, Linear.Bias.WITHOUT, 1.0, type, rng))
          ::forward;
    }
    List<Sequential> tails = new ArrayList<>();
    for (int i = 0; i < clusters; i++) {
      tails.add(tailCluster(i, inputDim, dropout, factor, tiedTo, tieProj, type, rng));
    }
    tail = child("tail", ModuleList.of(tails));
  }

  private Sequential tailCluster(int i, int inputDim, double p, double factor, Optional<AdaptiveInput> tiedTo,
      boolean tieProj, DataType type, Rng rng) {
    Sequential s = new Sequential();
    int size = cutoff[i + 1] - cutoff[i];
    if (tiedTo.isPresent()) {
      AdaptiveInput.BandWeights band = tiedTo.get().weightsForBand(i + 1);
      if (tieProj) {
        TransposedTiedLinear proj = new TransposedTiedLinear(band.projection());
        s.add(proj, proj::forward);
      } else {
        Linear proj = Linear.xavier(band.projection().size(0), band.projection().size(1), Linear.Bias.WITHOUT, 1.0,
            type, rng);
        s.add(proj, proj::forward);
      }
      Dropout d = new Dropout(p, rng);
      Linear out = Linear.tied(band.embedding());
      return s.add(d, d::forward).add(out, out::forward);
    }
    int dim = AdaptiveInput.bandDim(inputDim, factor, i + 1);
    Require.that(dim > 0, "adaptive softmax cluster %d has dimension %d", i, dim);
    Linear proj = Linear.xavier(inputDim, dim, Linear.Bias.WITHOUT, 1.0, type, rng);
    Dropout d = new Dropout(p, rng);
    Linear out = Linear.xavier(dim, size, Linear.Bias.WITHOUT, 1.0, type, rng);
    return s.add(proj, proj::forward).add(d, d::forward).add(out, out::forward);
  }

  /** The completed cutoffs (last = V). */
  public int[] cutoff() {
    return cutoff.clone();
  }

  /** V. */
  public int vocabSize() {
    return vocab;
  }

  /**
   * fairseq's {@code adapt_target}: flat targets [N] -> the head targets (tail words replaced by their class
   * {@code cutoff[0] + i}) and, per cluster i, the rows in it and their ids minus {@code cutoff[i]}.
   */
  public Adapted adaptTarget(int[] target) {
    int clusters = cutoff.length - 1;
    int[] headTarget = target.clone();
    int[][] rows = new int[clusters][];
    int[][] local = new int[clusters][];
    for (int i = 0; i < clusters; i++) {
      List<Integer> r = new ArrayList<>();
      for (int n = 0; n < target.length; n++) {
        if (target[n] >= cutoff[i] && target[n] < cutoff[i + 1]) {
          headTarget[n] = cutoff[0] + i;
          r.add(n);
        }
      }
      rows[i] = r.stream().mapToInt(Integer::intValue).toArray();
      local[i] = new int[rows[i].length];
      for (int k = 0; k < rows[i].length; k++) {
        local[i][k] = target[rows[i][k]] - cutoff[i];
      }
    }
    return new Adapted(headTarget, rows, local);
  }

  /**
   * fairseq's {@code forward(input, target)}: input [B, T, D] (or [N, D]), target [B*T] flat -> the head piece
   * (all rows) and one piece per non-empty tail cluster, in cluster order; the input passes dropout first.
   */
  public List<Piece> forward(Tensor input, int[] target) {
    Tensor x = dropout.forward(ShapeOps.reshape(input, -1, input.size(-1)));
    Require.that(x.size(0) == target.length, "%d targets for %d feature rows", target.length, x.size(0));
    Adapted adapted = adaptTarget(target);
    int[] all = new int[target.length];
    for (int n = 0; n < all.length; n++) {
      all[n] = n;
    }
    List<Piece> out = new ArrayList<>();
    out.add(new Piece(0, head.apply(x), adapted.headTargets(), all));
    for (int i = 0; i < cutoff.length - 1; i++) {
      int[] rows = adapted.rows()[i];
      if (rows.length > 0) {
        Tensor selected = Embedding.lookup(x, Nd4j.createFromArray(rows));
        out.add(new Piece(i + 1, tail.get(i).forward(selected), adapted.targets()[i], rows));
      }
    }
    return out;
  }

  /**
   * fairseq's {@code get_log_prob(input, None)}: input [B, T, D] -> log-probabilities [B, T, V] over the whole
   * vocabulary, differentiable: head words keep the head log-softmax; a cluster's words get the cluster's
   * log-softmax plus the log-probability of its class. No input dropout is applied, as in fairseq.
   */
  public Tensor getLogProb(Tensor input) {
    long b = input.size(0);
    long t = input.size(1);
    Tensor x = ShapeOps.reshape(input, b * t, input.size(2));
    Tensor headLp = NnOps.logSoftmax(head.apply(x));
    int clusters = cutoff.length - 1;
    Tensor[] parts = new Tensor[clusters + 1];
    parts[0] = ShapeOps.narrow(headLp, 1, 0, cutoff[0]);
    for (int i = 0; i < clusters; i++) {
      Tensor prior = ShapeOps.narrow(headLp, 1, cutoff[0] + i, 1);
      parts[i + 1] = MathOps.add(NnOps.logSoftmax(tail.get(i).forward(x)), prior);
    }
    Tensor all = clusters == 0 ? parts[0] : ShapeOps.concat(1, parts);
    return ShapeOps.reshape(all, b, t, vocab);
  }
}
