// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.leapseq.core.Require;
import org.leapseq.core.nn.Rng;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.models.decode.FusedDecoder;
import org.leapseq.models.lm.TransformerLanguageModel;

/**
 * fairseq's {@code SequenceGenerator} for language models: each prompt is forced as a prefix after the start symbol
 * ({@code </s>}, or {@code <s>} under {@code --add-bos-token}), then beam search ({@code BeamSearch}: the top
 * {@code 2 x beam} continuations over all beams, end-of-sentence candidates among the first {@code beam} finalised
 * with score {@code sum / length^lenpen}), greedy decoding (beam 1) or sampling ({@code --sampling}, optionally
 * top-k or top-p; each of the beam slots is an independent sample) continues it. The longest common prompt prefix
 * runs as one block through the decoder (the {@link FusedDecoder}, which float32 models of the supported kinds use
 * for every step, or the model's ND4J decoding); every later step is one token per hypothesis through the
 * incremental state, which is reordered by beam. Rules as fairseq: {@code <pad>} is never produced, {@code <unk>}
 * pays {@code unkpen}, {@code </s>} is banned before {@code min_len} and forced at {@code max_len = min(a * src_len +
 * b, max_positions - 1)}, and n-grams of {@code --no-repeat-ngram-size} are not repeated (outside the forced
 * prompt).
 */
public final class SequenceGenerator {
  private final TransformerLanguageModel model;
  private final GenerationConfig cfg;
  private final int bos;
  private final Optional<FusedDecoder> fused;
  private final Rng rng;

  /**
   * @param bos the start symbol: {@code </s>} as fairseq, or {@code <s>} for models trained with
   *     {@code --add-bos-token}
   */
  public SequenceGenerator(TransformerLanguageModel model, GenerationConfig cfg, int bos) {
    this(model, cfg, bos, FusedDecoder.ifEnabled(model));
  }

  /**
   * A generator that steps through {@code fused} when present (e.g. {@link FusedDecoder#bf16}), through the model's
   * ND4J path otherwise.
   */
  public SequenceGenerator(TransformerLanguageModel model, GenerationConfig cfg, int bos,
      Optional<FusedDecoder> fused) {
    this.model = model;
    this.cfg = cfg;
    this.bos = bos;
    this.fused = fused;
    this.rng = new Rng(cfg.seed());
  }

  /** Generates for a batch of prompts (token ids without the start symbol); nbest hypotheses per prompt, best first. */
  public List<List<Hypothesis>> generate(List<int[]> prompts) {
    Require.that(!prompts.isEmpty(), "no prompts to generate from");
    int n = prompts.size();
    int k = cfg.beam();
    int eos = Dictionary.EOS;
    int srcLen = prompts.stream().mapToInt(p -> p.length).max().orElse(0) + 1;
    int maxLen = (int) Math.min((long) (cfg.maxLenA() * srcLen + cfg.maxLenB()),
        model.decoder().config().maxTargetPositions() - 1L);
    Require.that(maxLen >= 1, "no room to generate: max length %d", maxLen);
    Sentence[] sentences = new Sentence[n];
    for (int i = 0; i < n; i++) {
      sentences[i] = new Sentence(prompts.get(i), k, maxLen);
    }
    int common = Math.min(prompts.stream().mapToInt(p -> p.length).min().orElse(0), maxLen);
    Stepper stepper = Stepper.start(model, fused, n, cfg.temperature());
    int step = 0;
    if (common > 0) {
      int[] block = new int[n * common];
      for (int i = 0; i < n; i++) {
        block[i * common] = bos;
        System.arraycopy(prompts.get(i), 0, block, i * common + 1, common - 1);
      }
      stepper.prefill(block, common, (t, lp) -> {
        for (int i = 0; i < n; i++) {
          adjust(lp[i], t, maxLen, true);
          double[] same = new double[k];
          Arrays.fill(same, lp[i][prompts.get(i)[t]]);
          sentences[i].force(prompts.get(i)[t], same);
        }
      });
      step = common;
    }
    int[] order = new int[n * k];
    for (int i = 0; i < n * k; i++) {
      order[i] = i / k;
    }
    if (k > 1) {
      stepper.reorder(order);
    }
    int[] rowOf = new int[n];      // first state row of each sentence still running, -1 when done
    for (int i = 0; i < n; i++) {
      rowOf[i] = i * k;
    }
    for (; step <= maxLen; step++) {
      int rows = stepper.batch();
      int[] feed = new int[rows];
      for (int i = 0; i < n; i++) {
        if (rowOf[i] >= 0) {
          for (int b = 0; b < k; b++) {
            feed[rowOf[i] + b] = sentences[i].last(b, bos);
          }
        }
      }
      double[][] lp = stepper.step(feed);
      List<int[]> keep = new ArrayList<>();
      int[] newRowOf = new int[n];
      Arrays.fill(newRowOf, -1);
      int added = 0;
      for (int i = 0; i < n; i++) {
        if (rowOf[i] < 0) {
          continue;
        }
        Sentence s = sentences[i];
        double[][] beams = Arrays.copyOfRange(lp, rowOf[i], rowOf[i] + k);
        boolean forced = step < s.prompt.length && step < maxLen;
        int[] parents;
        if (forced) {
          double[] forcedScores = new double[k];
          for (int b = 0; b < k; b++) {
            adjust(beams[b], step, maxLen, true);
            forcedScores[b] = beams[b][s.prompt[step]];
          }
          s.force(s.prompt[step], forcedScores);
          parents = identity(k);
        } else {
          for (int b = 0; b < k; b++) {
            adjust(beams[b], step, maxLen, false);
            s.blockRepeats(b, beams[b], cfg.noRepeatNgramSize());
          }
          parents = cfg.sampling() ? s.sample(beams, step, rng, cfg) : s.beamStep(beams, step, cfg);
        }
        if (s.done()) {
          continue;
        }
        int[] rowsOfSentence = new int[k];
        for (int b = 0; b < k; b++) {
          rowsOfSentence[b] = rowOf[i] + parents[b];
        }
        keep.add(rowsOfSentence);
        newRowOf[i] = added;
        added += k;
      }
      if (added == 0) {
        break;
      }
      int[] reorder = new int[added];
      int o = 0;
      for (int[] r : keep) {
        System.arraycopy(r, 0, reorder, o, r.length);
        o += r.length;
      }
      if (!isIdentity(reorder, rows)) {
        stepper.reorder(reorder);
      }
      rowOf = newRowOf;
    }
    List<List<Hypothesis>> out = new ArrayList<>();
    for (Sentence s : sentences) {
      out.add(s.best(cfg.nbest()));
    }
    return out;
  }

  /** fairseq's per-step rules on one row of log-probabilities. */
  private void adjust(double[] lp, int step, int maxLen, boolean forced) {
    lp[Dictionary.PAD] = Double.NEGATIVE_INFINITY;
    lp[Dictionary.UNK] -= cfg.unkpen();
    if (step >= maxLen) {
      double eos = lp[Dictionary.EOS];
      Arrays.fill(lp, Double.NEGATIVE_INFINITY);
      lp[Dictionary.EOS] = eos;
    } else if (!forced && step < cfg.minLen()) {
      lp[Dictionary.EOS] = Double.NEGATIVE_INFINITY;
    }
  }

  private static int[] identity(int k) {
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = i;
    }
    return out;
  }

  private static boolean isIdentity(int[] order, int rows) {
    if (order.length != rows) {
      return false;
    }
    for (int i = 0; i < order.length; i++) {
      if (order[i] != i) {
        return false;
      }
    }
    return true;
  }
}
