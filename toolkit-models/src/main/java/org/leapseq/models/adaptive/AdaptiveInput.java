// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.adaptive;

import java.util.ArrayList;
import java.util.List;
import org.leapseq.core.Require;
import org.leapseq.core.nn.Linear;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.ModuleList;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.Embedding;
import org.leapseq.core.tensor.ShapeOps;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * fairseq's {@code AdaptiveInput} (Baevski and Auli, 2019): the vocabulary is split into bands by the cutoffs
 * (completed with V); band i embeds its ids with dimension {@code floor(initial_dim / factor^i)} and projects them to
 * {@code output_dim} with a bias-free Linear. Names: {@code embeddings.i.0.weight} [size_i, dim_i] (normal(0,
 * dim_i^-0.5), row padding_idx zero) and {@code embeddings.i.1.weight} [output_dim, dim_i] (xavier-uniform).
 * fairseq's {@code _float_tensor} buffer is not registered (Leapseq's decoder keeps no such buffers).
 */
public final class AdaptiveInput extends Module {
  /** One band's weights, as fairseq's {@code weights_for_band}: embedding [size, dim], projection [output_dim, dim]. */
  public record BandWeights(Tensor embedding, Tensor projection) {}

  private final int[] cutoff;
  private final int outputDim;
  private final ModuleList<Band> embeddings;

  /**
   * @param vocab V
   * @param paddingIdx the pad id (in band 0)
   * @param initialDim band 0's dimension ({@code --decoder-input-dim})
   * @param factor {@code --adaptive-input-factor}
   * @param outputDim the output size ({@code --decoder-embed-dim})
   * @param cutoff {@code --adaptive-input-cutoff}, completed with V when V is larger
   */
  public AdaptiveInput(int vocab, int paddingIdx, int initialDim, double factor, int outputDim, int[] cutoff,
      DataType type, Rng rng) {
    this.cutoff = Cutoffs.complete(cutoff, vocab);
    this.outputDim = outputDim;
    Require.that(paddingIdx >= 0 && paddingIdx < this.cutoff[0], "padding index %d must lie in the first band [0, %d)",
        paddingIdx, this.cutoff[0]);
    List<Band> bands = new ArrayList<>();
    for (int i = 0; i < this.cutoff.length; i++) {
      int size = this.cutoff[i] - (i > 0 ? this.cutoff[i - 1] : 0);
      int dim = bandDim(initialDim, factor, i);
      Require.that(dim > 0, "adaptive input band %d has dimension %d (initial %d / factor %s^%d)", i, dim, initialDim,
          factor, i);
      bands.add(new Band(new BandEmbedding(size, dim, paddingIdx, i == 0, type, rng),
          Linear.xavier(dim, outputDim, Linear.Bias.WITHOUT, 1.0, type, rng)));
    }
    embeddings = child("embeddings", ModuleList.of(bands));
  }

  /** fairseq's {@code int(initial_dim // factor ** i)}. */
  public static int bandDim(int initialDim, double factor, int band) {
    return (int) Math.floor(initialDim / Math.pow(factor, band));
  }

  /** The completed cutoffs (last = V). */
  public int[] cutoff() {
    return cutoff.clone();
  }

  /** The output size E. */
  public int embeddingDim() {
    return outputDim;
  }

  /** Band {@code band}'s embedding and projection weights (what a tied adaptive softmax shares). */
  public BandWeights weightsForBand(int band) {
    Band b = embeddings.get(band);
    return new BandWeights(b.embedding.weight(), b.projection.weight());
  }

  /** ids: integer [B, T] (any shape) -> [B, T, E]; each id goes through its band. */
  public Tensor forward(INDArray ids) {
    int[] flat = ids.dup('c').reshape(ids.length()).toIntVector();
    int[] slot = new int[flat.length];
    List<Tensor> parts = new ArrayList<>();
    int filled = 0;
    for (int i = 0; i < cutoff.length; i++) {
      int lo = i > 0 ? cutoff[i - 1] : 0;
      List<Integer> local = new ArrayList<>();
      for (int j = 0; j < flat.length; j++) {
        Require.that(flat[j] >= 0 && flat[j] < cutoff[cutoff.length - 1], "token id %d outside vocabulary of %d",
            flat[j], cutoff[cutoff.length - 1]);
        if (flat[j] >= lo && flat[j] < cutoff[i]) {
          slot[j] = filled + local.size();
          local.add(flat[j] - lo);
        }
      }
      if (!local.isEmpty()) {
        INDArray localIds = Nd4j.createFromArray(local.stream().mapToInt(Integer::intValue).toArray());
        parts.add(embeddings.get(i).forward(localIds));
        filled += local.size();
      }
    }
    Tensor rows = parts.size() == 1 ? parts.get(0) : ShapeOps.concat(0, parts.toArray(Tensor[]::new));
    Tensor out = Embedding.lookup(rows, Nd4j.createFromArray(slot));
    long[] shape = new long[ids.rank() + 1];
    System.arraycopy(ids.shape(), 0, shape, 0, ids.rank());
    shape[ids.rank()] = outputDim;
    return ShapeOps.reshape(out, shape);
  }

  /** One band: {@code nn.Sequential(Embedding, Linear)}, children {@code 0} and {@code 1}. */
  static final class Band extends Module {
    private final BandEmbedding embedding;
    private final Linear projection;

    Band(BandEmbedding embedding, Linear projection) {
      this.embedding = child("0", embedding);
      this.projection = child("1", projection);
    }

    /** local ids [N] -> [N, E]. */
    Tensor forward(INDArray ids) {
      return projection.forward(embedding.forward(ids));
    }
  }
}
