// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.leapseq.core.PyFormat;

/**
 * fairseq-eval-lm's {@code --output-word-probs} and {@code --output-word-stats}: subword tokens are merged into
 * words ({@code --remove-bpe}); a word's score is the log-probability of its last token, as fairseq reports it.
 */
public final class WordScores {
  /** One word and the (natural log) probability fairseq reports for it. */
  public record WordProb(String word, double lprob) {}

  /** fairseq's {@code WordStat}: occurrences, summed log-probabilities and summed next-word log-probabilities. */
  public static final class WordStat {
    private final String word;
    private final boolean isBpe;
    private double logProb;
    private double nextWordProb;
    private long count;
    private long missingNextWords;

    WordStat(String word, boolean isBpe) {
      this.word = word;
      this.isBpe = isBpe;
    }

    void add(double lprob, Double next) {
      if (next != null) {
        nextWordProb += next;
      } else {
        missingNextWords++;
      }
      logProb += lprob;
      count++;
    }

    /** Occurrences. */
    public long count() {
      return count;
    }

    /** fairseq's line: word, count, log_prob, is_bpe, next_word_prob, count - missing_next_words, tab-separated. */
    @Override
    public String toString() {
      return word + "\t" + count + "\t" + PyFormat.repr(logProb) + "\t" + (isBpe ? "True" : "False") + "\t"
          + PyFormat.repr(nextWordProb) + "\t" + (count - missingNextWords);
    }
  }

  /** How subword tokens join into words. */
  private interface Joining {
    /** Whether token {@code token} is continued by {@code next} (-1 at the end of the sequence). */
    boolean continues(int token, int next);

    /** The part of {@code token}'s symbol that goes into the word. */
    String text(int token, boolean continued);
  }

  private final Joining joining;
  private final Map<String, WordStat> stats = new LinkedHashMap<>();

  private WordScores(Joining joining) {
    this.joining = joining;
  }

  /** Every token is a word. */
  public static WordScores plain(IntFunction<String> symbols) {
    return new WordScores(new Joining() {
      @Override
      public boolean continues(int token, int next) {
        return false;
      }

      @Override
      public String text(int token, boolean continued) {
        return symbols.apply(token);
      }
    });
  }

  /**
   * fairseq's {@code --remove-bpe MARKER} (subword-nmt's {@code "@@ "}): a token whose symbol ends with the marker
   * (trailing blanks removed) continues into the next, and the marker is cut from it.
   */
  public static WordScores marker(IntFunction<String> symbols, IntPredicate special, String marker) {
    String m = marker.stripTrailing();
    return new WordScores(new Joining() {
      @Override
      public boolean continues(int token, int next) {
        return !special.test(token) && symbols.apply(token).endsWith(m);
      }

      @Override
      public String text(int token, boolean continued) {
        String s = symbols.apply(token);
        return continued ? s.substring(0, s.length() - m.length()) : s;
      }
    });
  }

  /**
   * SentencePiece pieces ({@code --remove-bpe sentencepiece}, which fairseq-eval-lm refuses): a word starts at a
   * piece beginning with U+2581, so a piece continues into the next unless the next starts a word; the U+2581 is
   * dropped from the word.
   */
  public static WordScores sentencepiece(IntFunction<String> symbols, IntPredicate special) {
    String boundary = "\u2581";
    return new WordScores(new Joining() {
      @Override
      public boolean continues(int token, int next) {
        return next >= 0 && !special.test(token) && !special.test(next) && !symbols.apply(next).startsWith(boundary);
      }

      @Override
      public String text(int token, boolean continued) {
        String s = symbols.apply(token);
        return s.startsWith(boundary) ? s.substring(1) : s;
      }
    });
  }

  /** Merges one scored sequence into words, adds them to the statistics and returns them. */
  public List<WordProb> add(ScoredSequence s) {
    List<WordProb> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean isBpe = false;
    int[] tokens = s.tokens();
    double[] lp = s.lprobs();
    for (int i = 0; i < tokens.length; i++) {
      boolean continued = joining.continues(tokens[i], i + 1 < tokens.length ? tokens[i + 1] : -1);
      w.append(joining.text(tokens[i], continued));
      if (continued) {
        isBpe = true;
        continue;
      }
      String word = w.toString();
      out.add(new WordProb(word, lp[i]));
      Double next = null;
      for (int j = i + 1; j < tokens.length; j++) {
        if (lp[j] != 0) {
          next = lp[j];
          break;
        }
      }
      boolean bpe = isBpe;
      stats.computeIfAbsent(word, k -> new WordStat(k, bpe)).add(lp[i], next);
      isBpe = false;
      w.setLength(0);
    }
    return out;
  }

  /** The statistics, most frequent first (ties in first-seen order, as Python's stable sort). */
  public List<WordStat> stats() {
    List<WordStat> all = new ArrayList<>(stats.values());
    all.sort((a, b) -> Long.compare(b.count, a.count));
    return all;
  }

  /** fairseq's word-probability line for sample {@code id}: {@code "id w1 [lp1]\tw2 [lp2]..."} ({@code {:2f}}). */
  public static String line(int id, List<WordProb> words) {
    StringBuilder sb = new StringBuilder().append(id).append(' ');
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) {
        sb.append('\t');
      }
      sb.append(words.get(i).word()).append(" [").append(String.format(java.util.Locale.ROOT, "%.6f",
          words.get(i).lprob())).append(']');
    }
    return sb.toString();
  }
}
