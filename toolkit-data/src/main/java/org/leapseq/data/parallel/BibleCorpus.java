// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.LeapseqException;
import org.leapseq.data.corpus.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verse-aligned Bible text from two SWORD modules dumped with {@code mod2imp} (Debian: {@code sword-text-kjv},
 * {@code sword-text-sparv}, {@code libsword-utils}; {@code mod2imp engKJV2006eb > kjv.imp}). Each module is read by
 * {@link ImpReader}; a pair is every source verse whose key the target also has, in source order (KJV and RV1909
 * share one versification: 31,102 and 31,084 verses give 31,084 pairs).
 *
 * <p>Split by book: the epistle to the {@value #VALID_BOOK} is valid (433 verses), the Gospel of {@value #TEST_BOOK}
 * is test (678 verses), every other book is train. Splitting by whole book keeps a chapter's neighbouring verses
 * out of the other splits; the other Gospels, which retell much of Mark, stay in train, as in any Gospel split.
 * {@link #split(List, String, String)} takes other books.
 */
public final class BibleCorpus {
  /** The valid book, as mod2imp names it in verse keys. */
  public static final String VALID_BOOK = "Romans";
  /** The test book. */
  public static final String TEST_BOOK = "Mark";

  private static final Logger log = LoggerFactory.getLogger(BibleCorpus.class);

  private BibleCorpus() {}

  /** The aligned pairs of two {@code .imp} files, in source order. */
  public static List<ParallelPair> align(Path srcImp, Path tgtImp) {
    Map<String, String> src = ImpReader.read(srcImp);
    Map<String, String> tgt = ImpReader.read(tgtImp);
    List<ParallelPair> pairs = new ArrayList<>();
    src.forEach((key, s) -> {
      String t = tgt.get(key);
      if (t != null) {
        pairs.add(new ParallelPair(key, s, t));
      }
    });
    log.info("bible src={} verses={} tgt={} verses={} aligned={}", srcImp, src.size(), tgtImp, tgt.size(), pairs.size());
    if (pairs.isEmpty()) {
      throw LeapseqException.of("%s and %s share no verse key (expected two mod2imp dumps of Bibles)", srcImp, tgtImp);
    }
    return pairs;
  }

  /** The default split: {@value #VALID_BOOK} valid, {@value #TEST_BOOK} test, the rest train. */
  public static ParallelSplits split(List<ParallelPair> pairs) {
    return split(pairs, VALID_BOOK, TEST_BOOK);
  }

  /** Whole books to valid and test, the rest to train; order within a split is source order. */
  public static ParallelSplits split(List<ParallelPair> pairs, String validBook, String testBook) {
    Map<Split, List<ParallelPair>> by = new EnumMap<>(Split.class);
    for (ParallelPair p : pairs) {
      String book = book(p.id());
      Split s = book.equals(testBook) ? Split.TEST : book.equals(validBook) ? Split.VALID : Split.TRAIN;
      by.computeIfAbsent(s, k -> new ArrayList<>()).add(p);
    }
    for (String b : new String[] {validBook, testBook}) {
      if (pairs.stream().noneMatch(p -> book(p.id()).equals(b))) {
        throw LeapseqException.of("no verse of book '%s' (expected a book name as in the keys, e.g. 'Mark 1:1')", b);
      }
    }
    return ParallelSplits.of(by);
  }

  /** The book of a verse key: {@code "I Corinthians 13:4"} gives {@code "I Corinthians"}. */
  static String book(String key) {
    return key.substring(0, key.lastIndexOf(' '));
  }
}
