// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.corpus.Split;
import org.leapseq.data.text.PyWhitespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * English-to-LANG pairs harvested from the gettext catalogs {@code ROOT/**}{@code /LANG/LC_MESSAGES/*.mo} (DATA.md
 * 3.2). Catalogs are read in path order; for each message the first msgid and first msgstr form are kept,
 * whitespace-collapsed, and dropped when undecodable, empty or identical; the first catalog to translate a string
 * wins. {@link #natural} then keeps the pairs {@link NaturalFilter} accepts (first cleaned string wins). The pairs
 * of the catalogs installed on a machine are GPL or similar: build them at run time, never commit them.
 *
 * <p>Split by catalog (domain), never by line, since catalogs repeat near-duplicates: the CRC-32 of the domain's
 * UTF-8 name {@code % 10 == 0} is test, {@code == 1} is valid, the rest train; the {@code iso_*} domains (lists of
 * language and country names) are left out of the splits.
 */
public final class GettextCorpus {
  private static final Logger log = LoggerFactory.getLogger(GettextCorpus.class);
  /** Python's string order: by code point. */
  static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  };

  /** What one harvest read and kept; {@code all} and {@code natural} are sorted by source, id = domain. */
  public record Harvest(int catalogs, long entries, long decodeErrors, long empty, long identical,
      List<ParallelPair> all, List<ParallelPair> natural) {
    public Harvest {
      all = List.copyOf(all);
      natural = List.copyOf(natural);
    }
  }

  private GettextCorpus() {}

  /** Harvests {@code lang} from every catalog under {@code roots}; no catalog at all is a one-line error. */
  public static Harvest harvest(String lang, List<Path> roots) {
    List<Path> files = catalogs(lang, roots);
    if (files.isEmpty()) {
      throw LeapseqException.of("no %s/LC_MESSAGES/*.mo under %s (expected gettext catalogs, e.g. /usr/share/locale)",
          lang, roots);
    }
    long[] stats = new long[4]; // entries, decode errors, empty, identical
    Map<String, ParallelPair> pairs = new LinkedHashMap<>();
    for (Path f : files) {
      MoFile mo = MoFile.read(f);
      String domain = f.getFileName().toString().replaceFirst("\\.mo$", "");
      for (MoFile.Entry e : mo.entries()) {
        if (!e.isHeader()) {
          add(e, mo.charset(), domain, stats, pairs);
        }
      }
    }
    List<ParallelPair> all = new ArrayList<>(pairs.values());
    all.sort(Comparator.comparing(ParallelPair::src, CODE_POINT_ORDER));
    List<ParallelPair> natural = natural(pairs.values());
    log.info("gettext lang={} catalogs={} entries={} decode_err={} empty={} identical={} unique_src={} natural={}",
        lang, files.size(), stats[0], stats[1], stats[2], stats[3], all.size(), natural.size());
    return new Harvest(files.size(), stats[0], stats[1], stats[2], stats[3], all, natural);
  }

  private static void add(MoFile.Entry e, String charset, String domain, long[] stats, Map<String, ParallelPair> pairs) {
    stats[0]++;
    var msg = MoMessage.decode(e, charset);
    if (msg.isEmpty()) {
      stats[1]++;
      return;
    }
    String s = String.join(" ", PyWhitespace.split(msg.get().msgid()));
    String t = String.join(" ", PyWhitespace.split(msg.get().msgstr().get(0)));
    if (s.isEmpty() || t.isEmpty()) {
      stats[2]++;
    } else if (s.equals(t)) {
      stats[3]++;
    } else {
      pairs.putIfAbsent(s, new ParallelPair(domain, s, t));
    }
  }

  private static List<ParallelPair> natural(Iterable<ParallelPair> pairs) {
    Map<String, ParallelPair> kept = new LinkedHashMap<>();
    for (ParallelPair p : pairs) {
      String s = NaturalFilter.clean(p.src());
      String t = NaturalFilter.clean(p.tgt());
      if (NaturalFilter.natural(s, t)) {
        kept.putIfAbsent(s, new ParallelPair(p.id(), s, t));
      }
    }
    List<ParallelPair> out = new ArrayList<>(kept.values());
    out.sort(Comparator.comparing(ParallelPair::src, CODE_POINT_ORDER));
    return out;
  }

  /** The split of pairs by domain, as described above; order within a split is that of {@code pairs}. */
  public static ParallelSplits split(List<ParallelPair> pairs) {
    Map<Split, List<ParallelPair>> by = new EnumMap<>(Split.class);
    for (ParallelPair p : pairs) {
      if (!p.id().startsWith("iso_")) {
        by.computeIfAbsent(splitOf(p.id()), k -> new ArrayList<>()).add(p);
      }
    }
    return ParallelSplits.of(by);
  }

  static Split splitOf(String domain) {
    CRC32 crc = new CRC32();
    crc.update(domain.getBytes(StandardCharsets.UTF_8));
    long r = crc.getValue() % 10;
    return r == 0 ? Split.TEST : r == 1 ? Split.VALID : Split.TRAIN;
  }

  /** The catalog files, sorted by path string; hidden directories are skipped and links not followed. */
  static List<Path> catalogs(String lang, List<Path> roots) {
    TreeSet<String> found = new TreeSet<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        throw LeapseqException.of("%s: not a directory (expected a root to search for gettext catalogs)", root);
      }
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(p -> isCatalog(p, lang) && !hidden(root.relativize(p))).forEach(p -> found.add(p.toString()));
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new LeapseqException(root + ": cannot list: " + e.getMessage(), e);
      }
    }
    return found.stream().map(Path::of).toList();
  }

  private static boolean isCatalog(Path p, String lang) {
    Path dir = p.getParent();
    return p.getFileName().toString().endsWith(".mo") && dir != null && dir.getFileName() != null
        && dir.getFileName().toString().equals("LC_MESSAGES") && dir.getParent() != null
        && dir.getParent().getFileName() != null && dir.getParent().getFileName().toString().equals(lang)
        && Files.isRegularFile(p);
  }

  private static boolean hidden(Path rel) {
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
