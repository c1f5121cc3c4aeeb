// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;

class EpochBatchIteratorTest {
  /** Seven one-item batches [[0], ..., [6]], so a batch's first id names its position in the frozen list. */
  private static final List<int[]> SEVEN = IntStream.range(0, 7).mapToObj(i -> new int[] {i}).toList();

  @Test
  void shuffleEqualsNumpySeedPlusEpoch() {
    EpochBatchIterator<Integer> it = EpochBatchIterator.of(SEVEN, b -> b[0], BatchOrder.SHUFFLED, 11);
    // numpy: l = list(range(7)); np.random.seed(11 + epoch); np.random.shuffle(l)
    assertEquals(List.of(4, 5, 0, 2, 1, 6, 3), drain(it.nextEpochIterator()));
    assertEquals(1, it.epoch());
    assertEquals(List.of(1, 3, 4, 5, 6, 0, 2), drain(it.nextEpochIterator()));
    assertEquals(2, it.epoch());
    EpochBatchIterator<Integer> again = EpochBatchIterator.of(SEVEN, b -> b[0], BatchOrder.SHUFFLED, 11);
    assertEquals(List.of(4, 5, 0, 2, 1, 6, 3), drain(again.nextEpochIterator()));
    EpochBatchIterator<Integer> other = EpochBatchIterator.of(SEVEN, b -> b[0], BatchOrder.SHUFFLED, 12);
    assertEquals(List.of(1, 3, 4, 5, 6, 0, 2), drain(other.nextEpochIterator()), "seed 12 + epoch 1 = 11 + 2");
  }

  @Test
  void fixedOrderKeepsBatches() {
    EpochBatchIterator<Integer> it = EpochBatchIterator.of(SEVEN, b -> b[0], BatchOrder.FIXED, 11);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), drain(it.nextEpochIterator()));
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), drain(it.nextEpochIterator()));
    assertEquals(new IteratorState(3, 0, false), it.state());
  }

  @Test
  void stateFollowsFairseq() {
    EpochBatchIterator<Integer> it = EpochBatchIterator.of(SEVEN, b -> b[0], BatchOrder.SHUFFLED, 1);
    assertEquals(new IteratorState(1, 0, true), it.state());
    EpochIterator<Integer> e = it.nextEpochIterator();
    e.next();
    e.next();
    assertEquals(new IteratorState(1, 2, true), it.state());
    drain(e);
    assertTrue(it.endOfEpoch());
    assertEquals(2, it.nextEpochIndex());
    assertEquals(new IteratorState(2, 0, true), it.state());
  }

  @Test
  void resumeMidEpochYieldsExactlyTheRemainingBatchesWithoutReadingSkippedOnes() {
    EpochBatchIterator<Integer> run = EpochBatchIterator.of(SEVEN, b -> b[0], BatchOrder.SHUFFLED, 5);
    drain(run.nextEpochIterator());
    EpochIterator<Integer> e2 = run.nextEpochIterator();
    List<Integer> full = new ArrayList<>();
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      seen.add(e2.next());
    }
    String saved = run.state().toJson();
    assertEquals("{\"version\":2,\"epoch\":2,\"iterations_in_epoch\":3,\"shuffle\":true}", saved);
    full.addAll(seen);
    full.addAll(drain(e2));

    AtomicInteger collated = new AtomicInteger();
    EpochBatchIterator<Integer> resumed = EpochBatchIterator.of(SEVEN, b -> {
      collated.incrementAndGet();
      return b[0];
    }, BatchOrder.SHUFFLED, 5);
    resumed.loadState(IteratorState.fromJson(saved));
    assertEquals(3, resumed.iterationsInEpoch());
    EpochIterator<Integer> rest = resumed.nextEpochIterator();
    assertEquals(2, rest.epoch());
    assertEquals(3, rest.n());
    assertEquals(full.subList(3, 7), drain(rest));
    assertEquals(4, collated.get(), "skipped batches must not be collated");
    assertEquals(new IteratorState(3, 0, true), resumed.state());
    assertEquals(drain(run.nextEpochIterator()), drain(resumed.nextEpochIterator()), "epoch 3 matches too");
  }

  @Test
  void resumeAtEpochBoundaryStartsTheNextEpoch() {
    EpochBatchIterator<Integer> it = EpochBatchIterator.of(SEVEN, b -> b[0], BatchOrder.SHUFFLED, 5);
    it.loadState(new IteratorState(4, 0, true));
    assertEquals(4, it.nextEpochIndex());
    EpochIterator<Integer> e = it.nextEpochIterator();
    assertEquals(4, e.epoch());
    assertEquals(it.batchesForEpoch(4).stream().map(b -> b[0]).toList(), drain(e));
  }

  @Test
  void resumeBeyondTheEpochIsADataloaderMismatch() {
    EpochBatchIterator<Integer> it = EpochBatchIterator.of(SEVEN, b -> b[0], BatchOrder.SHUFFLED, 5);
    LeapseqException e = assertThrows(LeapseqException.class, () -> it.loadState(new IteratorState(2, 7, true)));
    assertTrue(e.getMessage().startsWith("Cannot resume training due to dataloader mismatch"), e.getMessage());
  }

  @Test
  void groupedLastGroupMayBeSmaller() {
    EpochBatchIterator<Integer> it = EpochBatchIterator.of(SEVEN, b -> b[0], BatchOrder.FIXED, 0);
    GroupedIterator<Integer> g = it.nextEpochIterator().grouped(3);
    assertEquals(3, g.total());
    assertEquals(List.of(0, 1, 2), g.next());
    assertEquals(1, g.n());
    assertEquals(List.of(3, 4, 5), g.next());
    assertEquals(List.of(6), g.next());
    assertFalse(g.hasNext());
    assertEquals(new IteratorState(2, 0, false), it.state());
  }

  @Test
  void groupedAfterResumeCountsSkippedBatches() {
    EpochBatchIterator<Integer> it = EpochBatchIterator.of(SEVEN, b -> b[0], BatchOrder.FIXED, 0);
    it.loadState(new IteratorState(1, 4, false));
    GroupedIterator<Integer> g = it.nextEpochIterator().grouped(2);
    assertEquals(2, g.n());
    assertEquals(List.of(List.of(4, 5), List.of(6)), List.of(g.next(), g.next()));
  }

  @Test
  void stateJsonRoundTripAndDefaults() {
    IteratorState s = new IteratorState(3, 17, false);
    assertEquals(s, IteratorState.fromJson(s.toJson()));
    assertEquals(new IteratorState(2, 0, true), IteratorState.fromJson("{\"version\": 2, \"epoch\": 2}"));
    assertThrows(LeapseqException.class, () -> IteratorState.fromJson("{\"epoch\": 2}"));
    assertThrows(LeapseqException.class, () -> IteratorState.fromJson("{\"version\": 2}"));
    assertThrows(LeapseqException.class, () -> IteratorState.fromJson("not json"));
  }

  private static List<Integer> drain(java.util.Iterator<Integer> it) {
    List<Integer> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
