// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One fairseq train step as Trainer.train_step and the cross-entropy criterion log it. */
  private static void step(Metrics m, ScriptedClock clock, int update, double lossNats, double ntokens) {
    try (Metrics.Scope inner = m.aggregate("train_inner")) {
      m.logStartTime("train_wall", 800, 0);
      clock.advance(0.5);
      m.logScalar("num_updates", update, 0, 200, Meter.NO_ROUND);
      m.logScalar("lr", 0.0005, 0, 300, Meter.NO_ROUND);
      m.logSpeed("ups", 1.0, 100, 2);
      m.logScalar("gnorm", 1.5 + update, 1, 400, 3);
      m.logScalar("wpb", ntokens, 1, 180, 1);
      m.logSpeed("wps", ntokens, 90, 1);
      m.logScalar("bsz", 2, 1, 190, 1);
      m.logScalar("loss", lossNats / ntokens / Math.log(2), ntokens, 10, 3);
      m.logDerived("ppl", g -> Perplexity.base2(g.average("loss").avg()), 20);
      m.logStopTime("train_wall", 0);
    }
  }

  @Test
  void keysComeInFairseqPriorityOrder() {
    ScriptedClock clock = new ScriptedClock();
    Metrics m = new Metrics(clock);
    m.logStartTime("wall", 790, 0);
    try (Metrics.Scope train = m.aggregate("train")) {
      step(m, clock, 1, 60, 10);
    }
    assertEquals(List.of("loss", "ppl", "wps", "ups", "wpb", "bsz", "num_updates", "lr", "gnorm", "train_wall"),
        List.copyOf(m.smoothedValues("train").keySet()));
    assertEquals(List.of("loss", "ppl", "wps", "ups", "wpb", "bsz", "num_updates", "lr", "gnorm", "train_wall",
        "wall"), List.copyOf(m.trainingStats("train").keySet()));
  }

  @Test
  void innerMetersResetPerIntervalWhileEpochMetersAverageTheEpoch() {
    ScriptedClock clock = new ScriptedClock();
    Metrics m = new Metrics(clock);
    try (Metrics.Scope train = m.aggregate("train")) {
      step(m, clock, 1, 10 * Math.log(2), 10); // 1 bit per token
      step(m, clock, 2, 30 * Math.log(2), 10); // 3 bits
      assertEquals(2.0, m.smoothedValues("train_inner").get("loss"));
      assertEquals(4.0, m.smoothedValues("train_inner").get("ppl"));
      m.resetMeters("train_inner");
      step(m, clock, 3, 50 * Math.log(2), 30);
    }
    Map<String, Double> inner = m.smoothedValues("train_inner");
    Map<String, Double> epoch = m.smoothedValues("train");
    assertEquals(1.667, inner.get("loss"));
    assertEquals(3.0, inner.get("num_updates"));
    assertEquals(1.8, epoch.get("loss"), "90 bits over 50 tokens");
    assertEquals(3.48, epoch.get("ppl"), "2^1.8 from the unrounded average");
    assertEquals(16.7, epoch.get("wpb"));
    assertEquals(2.0, epoch.get("train_wall"), "3 steps of 0.5 s summed; round(1.5) is 2");
    assertEquals(0.0, inner.get("train_wall"), "one 0.5 s step since the reset; round(0.5) is 0");
  }

  @Test
  void trainerMetersComeInFairseqOrderWithTheirRounding() {
    ScriptedClock clock = new ScriptedClock();
    Metrics m = new Metrics(clock);
    TrainerMeters.startWall(m);
    try (Metrics.Scope train = m.aggregate("train")) {
      for (int u = 1; u <= 2; u++) {
        try (Metrics.Scope inner = m.aggregate("train_inner")) {
          TrainerMeters.startStep(m);
          clock.advance(0.25);
          TrainerMeters.logUpdate(m, u, 0.0005 * u);
          TrainerMeters.logGradNorm(m, 0.4 + u * 0.35, 1.0);
          TrainerMeters.logBatch(m, 1000, 3);
          m.logScalar("loss", 9.8532, 1000, 10, 3);
          TrainerMeters.logLossScale(m, 128);
          TrainerMeters.logGbFree(m, 70.04);
          TrainerMeters.stopStep(m);
        }
      }
    }
    clock.advance(0.6);
    Map<String, Double> s = m.trainingStats("train");
    assertEquals(List.of("loss", "wps", "ups", "wpb", "bsz", "num_updates", "lr", "gnorm", "clip", "loss_scale",
        "train_wall", "gb_free", "wall"), List.copyOf(s.keySet()));
    assertEquals(9.853, s.get("loss"));
    assertEquals(1176.5, s.get("wps"), "the first step only starts the rate: 1000 tokens in 0.85 s");
    assertEquals(1.18, s.get("ups"));
    assertEquals(2.0, s.get("num_updates"));
    assertEquals(0.001, s.get("lr"));
    assertEquals(0.925, s.get("gnorm"));
    assertEquals(50.0, s.get("clip"), "one of two updates clipped");
    assertEquals(0.0, s.get("train_wall"), "0.5 s summed; round(0.5) is 0");
    assertEquals(70.0, s.get("gb_free"));
    assertEquals(1.0, s.get("wall"), "1.1 s since the trainer started");
  }

  @Test
  void speedIgnoresTheFirstValueAndCountsTheRest() {
    ScriptedClock clock = new ScriptedClock();
    Metrics m = new Metrics(clock);
    m.logSpeed("wps", 1000, 90, 1);
    clock.advance(2);
    m.logSpeed("wps", 300, 90, 1);
    assertEquals(150.0, m.smoothedValues(Metrics.DEFAULT).get("wps"));
  }

  @Test
  void aNewRootIsolatesValidationFromTrainingAggregators() {
    Metrics m = new Metrics(new ScriptedClock());
    try (Metrics.Scope train = m.aggregate("train")) {
      m.logScalar("loss", 5.0);
      try (Metrics.Scope valid = m.aggregateNewRoot()) {
        m.logScalar("loss", 1.0);
        m.logScalar("loss", 3.0);
        assertEquals(Map.of("loss", 2.0), valid.meters().smoothedValues());
      }
      m.logScalar("loss", 7.0);
    }
    assertEquals(6.0, m.smoothedValues("train").get("loss"));
    assertEquals(6.0, m.smoothedValues(Metrics.DEFAULT).get("loss"));
    try (Metrics.Scope tmp = m.aggregate()) {
      m.logScalar("x", 1.0);
    }
    m.logScalar("y", 1.0);
    assertTrue(m.meters(Metrics.DEFAULT).contains("x"));
    assertFalse(m.meters("train").contains("y"), "train is inactive once its scope closed");
  }

  @Test
  void aResumedRunPrintsTheSameEpochAverages() throws Exception {
    ScriptedClock clock = new ScriptedClock();
    Metrics straight = new Metrics(clock);
    try (Metrics.Scope train = straight.aggregate("train")) {
      for (int u = 1; u <= 6; u++) {
        step(straight, clock, u, 3.7 * u, 7 + u);
      }
    }
    ScriptedClock clock2 = new ScriptedClock();
    Metrics first = new Metrics(clock2);
    String saved;
    try (Metrics.Scope train = first.aggregate("train")) {
      for (int u = 1; u <= 3; u++) {
        step(first, clock2, u, 3.7 * u, 7 + u);
      }
      saved = JSON.writeValueAsString(first.state()); // a mid-epoch checkpoint
    }
    Metrics resumed = new Metrics(clock2);
    resumed.load(JSON.readValue(saved, new TypeReference<Map<String, List<Map<String, Object>>>>() {}));
    try (Metrics.Scope train = resumed.aggregate("train")) {
      for (int u = 4; u <= 6; u++) {
        step(resumed, clock2, u, 3.7 * u, 7 + u);
      }
    }
    Map<String, Double> a = straight.smoothedValues("train");
    Map<String, Double> b = resumed.smoothedValues("train");
    for (String k : List.of("loss", "ppl", "wpb", "bsz", "num_updates", "lr", "gnorm", "train_wall")) {
      assertEquals(a.get(k), b.get(k), k);
    }
    assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
  }
}
