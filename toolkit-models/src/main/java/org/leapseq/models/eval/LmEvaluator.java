// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.leapseq.core.Require;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.data.batching.BatchLimits;
import org.leapseq.data.batching.BatchSampler;
import org.leapseq.data.batching.InvalidSizePolicy;
import org.leapseq.data.lm.LmBatch;
import org.leapseq.data.lm.LmDataset;
import org.leapseq.data.lm.LmItem;
import org.leapseq.models.decode.FusedDecoder;
import org.leapseq.models.lm.DecoderState;
import org.leapseq.models.lm.TransformerDecoder;
import org.leapseq.models.lm.TransformerLanguageModel;

/**
 * fairseq-eval-lm's scoring loop over a block dataset, in three modes:
 *
 * <ul>
 *   <li>plain: every block is scored on its own (fairseq without {@code --context-window}); batches in fairseq's
 *       size-sorted order;
 *   <li>context window ({@code contextWindow > 0}): fairseq's {@code LMContextWindowDataset}: the blocks, in order,
 *       each get up to C previous tokens of the split prepended as unscored context (the dataset must have been
 *       opened with {@code tokens_per_sample - C}); with {@code C = tokens_per_sample - 1} this is a stride-1
 *       sliding window;
 *   <li>streaming ({@code stream}): the blocks, in order, run through the decoder's incremental state as one
 *       sequence, so every token sees all earlier tokens of the split; O(1) per token for linear attention, a
 *       growing key/value cache for softmax; float32 models the {@link FusedDecoder} supports run through it. Not
 *       fairseq's numbers (positions keep counting and the context is unbounded), but those of one forward pass
 *       over the whole split.
 * </ul>
 */
public final class LmEvaluator {
  /**
   * @param contextWindow C, the previous tokens prepended to each block (0: none)
   * @param stream score the split as one sequence through the incremental state
   * @param limits batch limits ({@code --max-tokens}, {@code --batch-size}); in streaming mode only the block size
   *     matters
   * @param seed the seed of fairseq's size-sorted order (plain mode)
   * @param maxPositions the longest block accepted
   * @param policy what to do with longer blocks
   * @param softmaxBatch the most positions sent through the output layer at once
   */
  public record Options(int contextWindow, boolean stream, BatchLimits limits, long seed, int maxPositions,
      InvalidSizePolicy policy, int softmaxBatch) {
    /** Checks the combination. */
    public Options {
      Require.that(contextWindow >= 0, "--context-window must be >= 0, got %d", contextWindow);
      Require.that(!(stream && contextWindow > 0), "--stream carries the whole split as context;"
          + " it does not combine with --context-window");
    }
  }

  /** Totals of a run: the sum of the scored log-probabilities (natural log), the count, and the tokens fed. */
  public record Totals(double scoreSum, long count, long ntokens, long skippedInf) {
    /** fairseq's {@code avg_nll_loss} in base 2. */
    public double lossBase2() {
      return count == 0 ? 0 : -scoreSum / count / Math.log(2);
    }

    /** 2 to the loss. */
    public double perplexity() {
      return Math.pow(2, lossBase2());
    }
  }

  private final List<TransformerLanguageModel> models;
  private final Options options;
  private final TokenScorer scorer;
  private final List<Optional<FusedDecoder>> fused;

  /** An evaluator of {@code models} (one model, or an ensemble whose probabilities are averaged). */
  public LmEvaluator(List<TransformerLanguageModel> models, Options options) {
    this(models, options, false);
  }

  /**
   * As {@link #LmEvaluator(List, Options)}; with {@code bf16} every model scores through {@link FusedDecoder#bf16}
   * (bfloat16 product weights), except batches with padding, which the fused step does not take: those stay on the
   * models' float32 ND4J path (at most the last batch of a split cut with {@code --sample-break-mode none}).
   */
  public LmEvaluator(List<TransformerLanguageModel> models, Options options, boolean bf16) {
    Require.that(!models.isEmpty(), "--path names no model");
    this.models = List.copyOf(models);
    this.fused = this.models.stream()
        .map(m -> bf16 ? Optional.of(FusedDecoder.bf16(m)) : FusedDecoder.ifEnabled(m)).toList();
    this.options = options;
    this.scorer = new TokenScorer(options.softmaxBatch());
  }

  /** Scores {@code ds}, passing each scored sequence to {@code sink}; returns the totals. */
  public Totals run(LmDataset ds, Consumer<ScoredSequence> sink) {
    int pad = org.leapseq.data.dictionary.Dictionary.PAD;
    Accumulator acc = new Accumulator(sink);
    try (NoGrad ignored = NoGrad.enter()) {
      if (options.stream()) {
        stream(ds, acc);
      } else {
        windows(ds, pad, acc);
      }
    }
    return acc.totals();
  }

  private void windows(LmDataset ds, int pad, Accumulator acc) {
    int[] sizes = ds.sizes();
    int c = options.contextWindow();
    int[] indices = c > 0 ? identity(sizes.length) : BatchSampler.orderedIndices(sizes, options.seed());
    indices = BatchSampler.filterBySize(indices, sizes, options.maxPositions(), options.policy());
    int[] prev = new int[0];
    for (int[] batch : BatchSampler.batchBySize(indices, sizes, options.limits())) {
      LmBatch b = ds.collate(batch);
      int rows = b.batchSize();
      int width = b.width() + c;
      int[] tokens = new int[rows * width];
      Arrays.fill(tokens, pad);
      int[] start = new int[rows];
      for (int r = 0; r < rows; r++) {
        int len = b.srcLengths()[r];
        if (c > 0) {
          int extra = prev.length + len - (ds.config().tokensPerSample() + c);
          if (extra > 0) {
            prev = Arrays.copyOfRange(prev, extra, prev.length);
          }
        }
        System.arraycopy(prev, 0, tokens, r * width, prev.length);
        System.arraycopy(b.source(), r * b.width(), tokens, r * width + prev.length, len);
        start[r] = prev.length;
        if (c > 0) {
          int[] row = new int[prev.length + len];
          System.arraycopy(tokens, r * width, row, 0, row.length);
          prev = Arrays.copyOfRange(row, Math.max(0, row.length - c), row.length);
        }
      }
      List<int[]> positions = new ArrayList<>();
      List<int[]> targets = new ArrayList<>();
      int total = 0;
      for (int r = 0; r < rows; r++) {
        int[] tgt = b.targetRow(r);
        int n = (int) Arrays.stream(tgt).filter(t -> t != pad).count();
        int[] pos = new int[n];
        int[] tg = new int[n];
        int k = 0;
        for (int t = 0; t < tgt.length; t++) {
          if (tgt[t] != pad) {
            pos[k] = r * width + start[r] + t;
            tg[k++] = tgt[t];
          }
        }
        positions.add(pos);
        targets.add(tg);
        total += n;
      }
      int[] flatPos = new int[total];
      int[] flatTgt = new int[total];
      int o = 0;
      for (int r = 0; r < rows; r++) {
        System.arraycopy(positions.get(r), 0, flatPos, o, positions.get(r).length);
        System.arraycopy(targets.get(r), 0, flatTgt, o, targets.get(r).length);
        o += positions.get(r).length;
      }
      boolean padded = Arrays.stream(tokens).anyMatch(t -> t == pad);
      List<double[]> perModel = new ArrayList<>();
      for (int k = 0; k < models.size(); k++) {
        TransformerLanguageModel m = models.get(k);
        if (fused.get(k).isPresent() && !padded) {     // the fused decoder takes no pads: full batches only
          FusedDecoder f = fused.get(k).get();
          perModel.add(f.score(f.emptyState(rows), tokens, width, flatPos, flatTgt));
          continue;
        }
        Tensor features = m.features(tokens, width);
        perModel.add(scorer.score(m, features, flatPos, flatTgt));
      }
      double[] lp = TokenScorer.ensemble(perModel);
      o = 0;
      for (int r = 0; r < rows; r++) {
        int n = targets.get(r).length;
        acc.add(new ScoredSequence(b.ids()[r], targets.get(r), Arrays.copyOfRange(lp, o, o + n)), b.srcLengths()[r]);
        o += n;
      }
    }
  }

  /**
   * The blocks in order through the incremental state. Consecutive blocks are fed together in runs of at least
   * {@link #STREAM_RUN} tokens (the numbers do not depend on how the sequence is cut), then reported per block.
   */
  private void stream(LmDataset ds, Accumulator acc) {
    List<DecoderState> states = new ArrayList<>();
    List<FusedDecoder.State> fusedStates = new ArrayList<>();
    for (int k = 0; k < models.size(); k++) {
      states.add(models.get(k).emptyState(1));
      fusedStates.add(fused.get(k).map(f -> f.emptyState(1)).orElse(null));
    }
    List<LmItem> run = new ArrayList<>();
    int runTokens = 0;
    for (int i = 0; i < ds.size(); i++) {
      LmItem item = ds.item(i);
      if (item.source().length == 0) {
        continue;
      }
      run.add(item);
      runTokens += item.source().length;
      if (runTokens >= STREAM_RUN || i == ds.size() - 1) {
        streamRun(run, runTokens, states, fusedStates, acc);
        run.clear();
        runTokens = 0;
      }
    }
    if (!run.isEmpty()) {
      streamRun(run, runTokens, states, fusedStates, acc);
    }
  }

  /** The most tokens fed through the incremental state at once in streaming mode (more, when one block is longer). */
  static final int STREAM_RUN = 1024;

  private void streamRun(List<LmItem> run, int n, List<DecoderState> states, List<FusedDecoder.State> fusedStates,
      Accumulator acc) {
    int[] source = new int[n];
    int[] target = new int[n];
    int o = 0;
    for (LmItem it : run) {
      System.arraycopy(it.source(), 0, source, o, it.source().length);
      System.arraycopy(it.target(), 0, target, o, it.target().length);
      o += it.source().length;
    }
    int[] rows = identity(n);
    List<double[]> perModel = new ArrayList<>();
    for (int k = 0; k < models.size(); k++) {
      if (fusedStates.get(k) != null) {
        perModel.add(fused.get(k).orElseThrow().score(fusedStates.get(k), source, n, target));
        continue;
      }
      TransformerDecoder.Decoded d = models.get(k).extend(states.get(k), source, n);
      states.set(k, d.state());
      perModel.add(scorer.score(models.get(k), d.features(), rows, target));
    }
    double[] lp = TokenScorer.ensemble(perModel);
    o = 0;
    for (LmItem it : run) {
      int len = it.source().length;
      acc.add(new ScoredSequence(it.id(), it.target(), Arrays.copyOfRange(lp, o, o + len)), len);
      o += len;
    }
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  /** Sums the finite scores as fairseq does (infinite ones are skipped and counted). */
  private static final class Accumulator {
    private final Consumer<ScoredSequence> sink;
    private double sum;
    private long count;
    private long ntokens;
    private long skipped;

    Accumulator(Consumer<ScoredSequence> sink) {
      this.sink = sink;
    }

    void add(ScoredSequence s, int fed) {
      for (double v : s.lprobs()) {
        if (Double.isInfinite(v)) {
          skipped++;
        } else {
          sum += v;
          count++;
        }
      }
      ntokens += fed;
      sink.accept(s);
    }

    Totals totals() {
      return new Totals(sum, count, ntokens, skipped);
    }
  }
}
