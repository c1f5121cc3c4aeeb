// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.generate;

import java.util.Optional;
import org.leapseq.models.decode.FusedDecoder;
import org.leapseq.models.lm.DecoderState;
import org.leapseq.models.lm.TransformerDecoder;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One token per row through a language model's incremental state, and the next-token log-probabilities: through
 * the {@link FusedDecoder} where the model allows it (float32, supported layers) or the model's own ND4J
 * {@code extend} otherwise ({@link FusedDecoder#ifEnabled}).
 */
interface Stepper {
  /** Rows B. */
  int batch();

  /** Feeds one token per row; returns [B][V] log-probabilities and advances the state. */
  double[][] step(int[] tokens);

  /**
   * Feeds a block of {@code width} tokens per row ([B, width] row-major) from the start state, handing the
   * log-probabilities after each position t ([B][V]) to {@code sink} in order.
   */
  void prefill(int[] block, int width, PrefixScores sink);

  /** Receives the next-token log-probabilities of every row after prefix position t. */
  @FunctionalInterface
  interface PrefixScores {
    void accept(int t, double[][] lp);
  }

  /** Keeps rows {@code order} (row i of the new state is row order[i] of this one). */
  void reorder(int[] order);

  /** A stepper for {@code batch} rows before the first token: fused when {@code fused} is present. */
  static Stepper start(TransformerLanguageModel model, Optional<FusedDecoder> fused, int batch,
      double temperature) {
    if (fused.isPresent()) {
      return new Fused(fused.get(), fused.get().emptyState(batch), temperature);
    }
    return new Nd4j(model, model.emptyState(batch), new NextTokenScores(model, temperature));
  }

  /** The ND4J path. */
  final class Nd4j implements Stepper {
    private final TransformerLanguageModel model;
    private final NextTokenScores scores;
    private DecoderState state;

    Nd4j(TransformerLanguageModel model, DecoderState state, NextTokenScores scores) {
      this.model = model;
      this.state = state;
      this.scores = scores;
    }

    @Override
    public int batch() {
      return state.batch();
    }

    @Override
    public double[][] step(int[] tokens) {
      TransformerDecoder.Decoded d = model.extend(state, tokens, 1);
      state = d.state();
      INDArray f = d.features().value();
      return scores.rows(f.reshape(f.size(0), f.size(2)));
    }

    /** The block runs as one ND4J pass (cheaper than width steps there). */
    @Override
    public void prefill(int[] block, int width, PrefixScores sink) {
      TransformerDecoder.Decoded d = model.extend(state, block, width);
      state = d.state();
      INDArray f = d.features().value();
      for (int t = 0; t < width; t++) {
        sink.accept(t, scores.rows(f.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).dup('c')));
      }
    }

    @Override
    public void reorder(int[] order) {
      state = state.reorder(order);
    }
  }

  /** The fused path. */
  final class Fused implements Stepper {
    private final FusedDecoder decoder;
    private final double temperature;
    private FusedDecoder.State state;

    Fused(FusedDecoder decoder, FusedDecoder.State state, double temperature) {
      this.decoder = decoder;
      this.state = state;
      this.temperature = temperature;
    }

    @Override
    public int batch() {
      return state.batch();
    }

    @Override
    public double[][] step(int[] tokens) {
      return decoder.step(state, tokens, temperature);
    }

    /** In chunks of at most 256 / B positions (bounding the log-probabilities held at once). */
    @Override
    public void prefill(int[] block, int width, PrefixScores sink) {
      int rows = block.length / width;
      int chunk = Math.max(1, 256 / rows);
      for (int t0 = 0; t0 < width; t0 += chunk) {
        int w = Math.min(chunk, width - t0);
        int[] part = new int[rows * w];
        for (int r = 0; r < rows; r++) {
          System.arraycopy(block, r * width + t0, part, r * w, w);
        }
        double[][] lp = decoder.extend(state, part, w, temperature);
        for (int c = 0; c < w; c++) {
          double[][] at = new double[rows][];
          for (int r = 0; r < rows; r++) {
            at[r] = lp[r * w + c];
          }
          sink.accept(t0 + c, at);
        }
      }
    }

    @Override
    public void reorder(int[] order) {
      state = state.reorder(order);
    }
  }
}
