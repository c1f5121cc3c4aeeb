// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.leapseq.core.nn.Rng;
import org.leapseq.data.dictionary.Dictionary;

/**
 * The beams of one prompt: every beam's tokens after the start symbol, positional scores and cumulative score, and
 * the finished hypotheses. Beam 0 starts alive and the others dead (score negative infinity), so the first free step
 * expands only beam 0, as fairseq's step-0 rule.
 */
final class Sentence {
  final int[] prompt;
  private final int k;
  private int[][] tokens;
  private double[][] positional;
  private double[] cumulative;
  private int length;
  private boolean branched;
  private final boolean[] slotDone;
  private final List<Hypothesis> finished = new ArrayList<>();
  private boolean done;

  private final int maxLen;

  Sentence(int[] prompt, int k, int maxLen) {
    int capacity = Math.max(maxLen, prompt.length) + 2;
    this.prompt = prompt;
    this.k = k;
    this.maxLen = maxLen;
    this.tokens = new int[k][capacity];
    this.positional = new double[k][capacity];
    this.cumulative = new double[k];
    Arrays.fill(cumulative, 1, k, Double.NEGATIVE_INFINITY);
    this.slotDone = new boolean[k];
  }

  boolean done() {
    return done;
  }

  /** The token beam b feeds next: its last token, or the start symbol. */
  int last(int b, int bos) {
    return length == 0 ? bos : tokens[b][length - 1];
  }

  /** Appends a forced prompt token to every beam, beam b with log-probability {@code lprobs[b]}. */
  void force(int token, double[] lprobs) {
    for (int b = 0; b < k; b++) {
      tokens[b][length] = token;
      positional[b][length] = lprobs[b];
      cumulative[b] += lprobs[b];
    }
    length++;
  }

  /** Bans tokens that would repeat an n-gram of beam b (fairseq's NGramRepeatBlock over start symbol + tokens). */
  void blockRepeats(int b, double[] lp, int n) {
    if (n <= 0) {
      return;
    }
    int total = length + 1;
    if (total < n) {
      return;
    }
    int[] seq = new int[total];
    seq[0] = Integer.MIN_VALUE;   // the start symbol, never a generated token
    System.arraycopy(tokens[b], 0, seq, 1, length);
    for (int i = 0; i + n - 1 < total; i++) {
      boolean match = true;
      for (int j = 0; j < n - 1 && match; j++) {
        match = seq[i + j] == seq[total - n + 1 + j];
      }
      if (match) {
        lp[seq[i + n - 1]] = Double.NEGATIVE_INFINITY;
      }
    }
  }

  private record Candidate(double score, int beam, int token, long order) {}

  /** fairseq's BeamSearch step and finalisation; returns each new beam's parent beam. */
  int[] beamStep(double[][] lp, int step, GenerationConfig cfg) {
    int vocab = lp[0].length;
    int size = 2 * k;
    PriorityQueue<Candidate> heap = new PriorityQueue<>(Comparator.comparingDouble(Candidate::score)
        .thenComparing(Comparator.comparingLong(Candidate::order).reversed()));
    for (int b = 0; b < k; b++) {
      for (int v = 0; v < vocab; v++) {
        double s = cumulative[b] + lp[b][v];
        if (heap.size() < size) {
          heap.add(new Candidate(s, b, v, (long) b * vocab + v));
        } else if (s > heap.peek().score()) {
          heap.poll();
          heap.add(new Candidate(s, b, v, (long) b * vocab + v));
        }
      }
    }
    List<Candidate> cands = new ArrayList<>(heap);
    cands.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingLong(Candidate::order));
    for (int c = 0; c < k && c < cands.size(); c++) {
      Candidate cand = cands.get(c);
      if (cand.token() == Dictionary.EOS && cand.score() > Double.NEGATIVE_INFINITY && finished.size() < k) {
        finish(cand.beam(), lp[cand.beam()][Dictionary.EOS], cand.score(), cfg);
      }
    }
    if (finished.size() >= k || step >= maxLen) {
      done = true;
    }
    int[] parents = new int[k];
    int[][] newTokens = new int[k][];
    double[][] newPositional = new double[k][];
    double[] newCumulative = new double[k];
    int chosen = 0;
    for (Candidate cand : cands) {
      if (chosen == k) {
        break;
      }
      if (cand.token() == Dictionary.EOS) {
        continue;
      }
      parents[chosen] = cand.beam();
      newTokens[chosen] = tokens[cand.beam()].clone();
      newPositional[chosen] = positional[cand.beam()].clone();
      newTokens[chosen][length] = cand.token();
      newPositional[chosen][length] = lp[cand.beam()][cand.token()];
      newCumulative[chosen] = cand.score();
      chosen++;
    }
    for (; chosen < k; chosen++) {
      parents[chosen] = 0;
      newTokens[chosen] = tokens[0].clone();
      newPositional[chosen] = positional[0].clone();
      newCumulative[chosen] = Double.NEGATIVE_INFINITY;
    }
    tokens = newTokens;
    positional = newPositional;
    cumulative = newCumulative;
    length++;
    return parents;
  }

  /** fairseq's Sampling step: every live slot draws its next token; returns each slot's parent. */
  int[] sample(double[][] lp, int step, Rng rng, GenerationConfig cfg) {
    int[] parents = new int[k];
    for (int b = 0; b < k; b++) {
      parents[b] = branched ? b : 0;
    }
    if (!branched) {
      for (int b = 1; b < k; b++) {
        tokens[b] = tokens[0].clone();
        positional[b] = positional[0].clone();
        cumulative[b] = cumulative[0];
      }
      branched = true;
    }
    for (int b = 0; b < k; b++) {
      if (slotDone[b]) {
        tokens[b][length] = Dictionary.EOS;   // fed but ignored (fairseq's cands_to_ignore)
        continue;
      }
      double[] row = lp[parents[b]];
      int v = draw(row, rng, cfg);
      double s = row[v];
      if (v == Dictionary.EOS || step >= maxLen) {
        finish(b, row[Dictionary.EOS], cumulative[b] + row[Dictionary.EOS], cfg);
        slotDone[b] = true;
        tokens[b][length] = Dictionary.EOS;
        continue;
      }
      tokens[b][length] = v;
      positional[b][length] = s;
      cumulative[b] += s;
    }
    length++;
    boolean all = true;
    for (boolean d : slotDone) {
      all &= d;
    }
    done = all;
    return parents;
  }

  /** A token drawn from exp(row), restricted to the top-k or the top-p nucleus when asked. */
  private static int draw(double[] row, Rng rng, GenerationConfig cfg) {
    int vocab = row.length;
    Integer[] idx = null;
    int keep = vocab;
    if (cfg.samplingTopk() > 0 || cfg.samplingTopp() > 0) {
      idx = new Integer[vocab];
      for (int i = 0; i < vocab; i++) {
        idx[i] = i;
      }
      Arrays.sort(idx, (a, b) -> Double.compare(row[b], row[a]));
      if (cfg.samplingTopk() > 0) {
        keep = Math.min(cfg.samplingTopk(), vocab);
      } else {
        double cum = 0;
        keep = 0;
        while (keep < vocab && cum < cfg.samplingTopp()) {
          cum += Math.exp(row[idx[keep]]);
          keep++;
        }
      }
    }
    double total = 0;
    for (int i = 0; i < keep; i++) {
      total += Math.exp(row[idx == null ? i : idx[i]]);
    }
    double u = rng.nextDouble() * total;
    double acc = 0;
    int last = -1;
    for (int i = 0; i < keep; i++) {
      int v = idx == null ? i : idx[i];
      double p = Math.exp(row[v]);
      if (p > 0) {
        last = v;
      }
      acc += p;
      if (u < acc) {
        return v;
      }
    }
    return last >= 0 ? last : Dictionary.EOS;
  }

  private void finish(int beam, double eosLprob, double score, GenerationConfig cfg) {
    int[] t = Arrays.copyOf(tokens[beam], length + 1);
    t[length] = Dictionary.EOS;
    double[] p = Arrays.copyOf(positional[beam], length + 1);
    p[length] = eosLprob;
    double normalised = cfg.unnormalized() ? score : score / Math.pow(length + 1, cfg.lenpen());
    finished.add(new Hypothesis(t, normalised, p));
  }

  /** The n best finished hypotheses, best first. */
  List<Hypothesis> best(int n) {
    List<Hypothesis> sorted = new ArrayList<>(finished);
    sorted.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
    return sorted.subList(0, Math.min(n, sorted.size()));
  }
}
