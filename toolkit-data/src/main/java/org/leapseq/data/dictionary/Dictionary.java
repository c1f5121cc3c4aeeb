// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.dictionary;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.leapseq.core.AtomicOutput;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;
import org.leapseq.data.text.PyWhitespace;

/**
 * A mapping between symbols and consecutive indices with a count per symbol, as fairseq's {@code Dictionary}.
 * Indices 0..3 are the specials {@code <s>}, {@code <pad>}, {@code </s>} and {@code <unk>}, each starting with
 * count 1; they are never written to {@code dict.txt}. A dictionary is built by counting a corpus
 * ({@link #countCorpus}) and then {@link #finish finishing} it, or by {@link #load loading} a {@code dict.txt};
 * {@link #save} writes the same bytes fairseq writes. Instances are mutable while being built and are safe to
 * share between threads once no longer modified.
 */
public final class Dictionary {
  public static final int BOS = 0;
  public static final int PAD = 1;
  public static final int EOS = 2;
  public static final int UNK = 3;
  public static final int NSPECIAL = 4;
  public static final String BOS_WORD = "<s>";
  public static final String PAD_WORD = "<pad>";
  public static final String EOS_WORD = "</s>";
  public static final String UNK_WORD = "<unk>";

  private final List<String> symbols = new ArrayList<>();
  private final Map<String, Integer> indices = new HashMap<>();
  private long[] counts = new long[16];

  /** A dictionary holding only the four specials, each with count 1. */
  public Dictionary() {
    for (String s : List.of(BOS_WORD, PAD_WORD, EOS_WORD, UNK_WORD)) {
      addSymbol(s, 1);
    }
  }

  /**
   * Counts every whitespace-separated token of every line of {@code files}, plus one {@code </s>} per line, each
   * file split into {@code workers} line-aligned chunks counted in parallel (fairseq
   * {@code add_file_to_dictionary}). The result is not finished; call {@link #finish}.
   */
  public static Dictionary countCorpus(List<Path> files, int workers) {
    Require.that(workers >= 1, "workers must be at least 1, got %d", workers);
    Dictionary d = new Dictionary();
    for (Path f : files) {
      d.addFile(f, workers);
    }
    return d;
  }

  /** Adds the token counts of one file (see {@link #countCorpus}) to this dictionary. */
  public void addFile(Path file, int workers) {
    Require.that(workers >= 1, "workers must be at least 1, got %d", workers);
    CorpusCounter.addFile(this, file, workers);
  }

  /**
   * Reads a {@code dict.txt} as fairseq's {@code Dictionary.load}: each line is right-stripped of Python whitespace
   * and split on its last space into word and count (a Python {@code int}); a trailing {@code #fairseq:overwrite}
   * flag is split off first and lets a word that is already present (specials included) take a new index. Any
   * other duplicate or malformed line fails with a one-line error naming the file and line. No padding is added.
   */
  public static Dictionary load(Path file) {
    Dictionary d = new Dictionary();
    DictionaryFile.read(d, file);
    return d;
  }

  /** fairseq {@code add_symbol(word, n)}: adds {@code n} to an existing word's count, else appends the word. */
  public int addSymbol(String word, long n) {
    Integer idx = indices.get(word);
    if (idx != null) {
      counts[idx] += n;
      return idx;
    }
    return appendSymbol(word, n);
  }

  /**
   * fairseq {@code add_symbol(word, n, overwrite=True)}: always appends a new index with count {@code n}; the word
   * then maps to the new index (an earlier index keeps its symbol and count).
   */
  public int appendSymbol(String word, long n) {
    int idx = symbols.size();
    if (idx == counts.length) {
      counts = Arrays.copyOf(counts, idx * 2);
    }
    symbols.add(word);
    counts[idx] = n;
    indices.put(word, idx);
    return idx;
  }

  /**
   * fairseq {@code finalize(threshold, nwords, padding_factor)}: keeps the specials in place and orders the rest by
   * count descending, ties by symbol in code-point order; keeps at most {@code nwords - 4} of them
   * ({@code nwords <= 0}: all), stopping at the first whose count is below {@code threshold}; then
   * {@link #padToMultiple pads}.
   */
  public void finish(long threshold, int nwords, int paddingFactor) {
    int limit = (nwords <= 0 ? size() : nwords) - NSPECIAL;
    List<Map.Entry<String, Long>> ranked = rankedNonSpecials();
    List<String> keptSymbols = new ArrayList<>(symbols.subList(0, NSPECIAL));
    long[] keptCounts = Arrays.copyOf(counts, Math.max(16, NSPECIAL + ranked.size()));
    for (int k = 0; k < Math.min(limit, ranked.size()); k++) {
      Map.Entry<String, Long> e = ranked.get(k);
      if (e.getValue() < threshold) {
        break;
      }
      keptCounts[keptSymbols.size()] = e.getValue();
      keptSymbols.add(e.getKey());
    }
    Map<String, Integer> keptIndices = new HashMap<>();
    for (String s : keptSymbols) {
      Require.that(
          keptIndices.putIfAbsent(s, keptIndices.size()) == null,
          "cannot finish dictionary: symbol '%s' appears twice",
          s);
    }
    symbols.clear();
    symbols.addAll(keptSymbols);
    indices.clear();
    indices.putAll(keptIndices);
    counts = keptCounts;
    padToMultiple(paddingFactor);
  }

  /** {@code Counter(dict(sorted(zip(symbols, counts)))).most_common()} over the non-special symbols. */
  private List<Map.Entry<String, Long>> rankedNonSpecials() {
    List<Map.Entry<String, Long>> all = new ArrayList<>();
    for (int i = NSPECIAL; i < size(); i++) {
      all.add(Map.entry(symbols.get(i), counts[i]));
    }
    all.sort(
        Map.Entry.<String, Long>comparingByKey(CodePointOrder.INSTANCE)
            .thenComparing(Map.Entry.comparingByValue()));
    List<Map.Entry<String, Long>> unique = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      boolean lastOfKey = i + 1 == all.size() || !all.get(i + 1).getKey().equals(all.get(i).getKey());
      if (lastOfKey) {
        unique.add(all.get(i));
      }
    }
    unique.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    return unique;
  }

  /** fairseq {@code pad_to_multiple_}: adds {@code madeupword%04d} with count 0 until size is a multiple. */
  public void padToMultiple(int paddingFactor) {
    if (paddingFactor > 1) {
      for (int i = 0; size() % paddingFactor != 0; i++) {
        addSymbol(String.format("madeupword%04d", i), 0);
      }
    }
  }

  /** The number of symbols, specials included. */
  public int size() {
    return symbols.size();
  }

  /** Whether {@code word} has an index. */
  public boolean contains(String word) {
    return indices.containsKey(word);
  }

  /** The index of {@code word}, or {@link #UNK} when absent. */
  public int index(String word) {
    Integer idx = indices.get(word);
    return idx == null ? UNK : idx;
  }

  /** The symbol at index {@code i}; {@code <unk>} for an index at or past {@link #size()}, as fairseq does. */
  public String symbol(int i) {
    Require.that(i >= 0, "negative dictionary index %d", i);
    return i < size() ? symbols.get(i) : UNK_WORD;
  }

  /** The count of index {@code i}. */
  public long count(int i) {
    Require.that(i >= 0 && i < size(), "dictionary index %d out of range [0, %d)", i, size());
    return counts[i];
  }

  /** The ids of the tokens of {@code line} ({@link PyWhitespace} split) with {@link #EOS} appended. */
  public int[] encodeLine(CharSequence line) {
    LineEncoder e = encoder();
    int n = e.encode(line);
    return Arrays.copyOf(e.ids(), n);
  }

  /** A reusable, single-threaded encoder that also counts tokens replaced by {@code <unk>}. */
  public LineEncoder encoder() {
    return new LineEncoder(this);
  }

  /** The symbols of {@code ids} joined by single spaces, skipping {@link #BOS}, {@link #PAD} and {@link #EOS}. */
  public String toString(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (id != BOS && id != PAD && id != EOS) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(symbol(id));
      }
    }
    return sb.toString();
  }

  /** Writes {@code dict.txt} atomically: {@code "SYMBOL COUNT\n"} for every index from 4 on, in UTF-8. */
  public void save(Path file) {
    try (AtomicOutput out = AtomicOutput.create(file)) {
      writeTo(out.stream());
      out.commit();
    } catch (UncheckedIOException e) {
      throw new LeapseqException(file + ": cannot write: " + IoErrors.describe(e.getCause()), e);
    }
  }

  /** Writes the bytes {@link #save} writes to {@code out} (flushed, not closed). */
  public void writeTo(OutputStream out) {
    try {
      DictionaryFile.write(symbols, counts, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lowercase hex SHA-256 of the bytes {@link #save} would write. */
  public String sha256() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      writeTo(new DigestOutputStream(OutputStream.nullOutputStream(), md));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
