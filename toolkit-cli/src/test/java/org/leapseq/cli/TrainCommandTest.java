// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.optim.AdamConfig;
import org.leapseq.core.optim.InverseSqrtConfig;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.Registries;
import org.leapseq.models.criterions.LabelSmoothedCrossEntropyCriterionConfig;
import org.leapseq.models.lm.LmArchs;
import org.leapseq.models.train.LmTrainingSetup;
import picocli.CommandLine;

class TrainCommandTest {
  private static LmTrainingSetup setup(String... args) {
    TrainCommand c = new TrainCommand();
    CommandLine cl = new CommandLine(c);
    cl.parseArgs(args);
    return c.setup(BuiltIns.registries());
  }

  @Test
  void componentFlagsReachTheirConfigsAndArchPresetsYieldToExplicitFlags() {
    LmTrainingSetup s = setup("data", "--arch", "transformer_lm_small_cpu", "--decoder-layers", "2",
        "--dec-sa-leapformer-enable", "--leap-factor", "8", "--optimizer", "adam", "--adam-betas", "(0.9, 0.98)",
        "--lr-scheduler", "inverse_sqrt", "--warmup-updates", "7", "--lr", "0.002", "--criterion",
        "label_smoothed_cross_entropy", "--label-smoothing", "0.1", "--report-accuracy", "--max-tokens", "512",
        "--tokens-per-sample", "64");
    assertEquals(2, s.model().decoderLayers());
    assertEquals(256, s.model().decoderEmbedDim());
    assertEquals("leapformer", s.model().attentionName());
    assertEquals(8, s.model().leapFactor());
    assertEquals(64, s.model().maxTargetPositions());
    assertEquals("(0.9, 0.98)", ((AdamConfig) s.optimizerConfig()).adamBetas());
    InverseSqrtConfig sched = (InverseSqrtConfig) s.lrSchedulerConfig();
    assertEquals(7, sched.warmupUpdates());
    assertEquals(List.of(0.002), sched.lr());
    LabelSmoothedCrossEntropyCriterionConfig crit = (LabelSmoothedCrossEntropyCriterionConfig) s.criterionConfig();
    assertEquals(0.1, crit.labelSmoothing());
    assertTrue(crit.reportAccuracy());
    assertEquals(512, s.trainLimits().maxTokens());
  }

  @Test
  void aFlagNoSelectedComponentTakesIsRefusedByName() {
    LeapseqException e = assertThrows(LeapseqException.class,
        () -> setup("data", "--optimizer", "sgd", "--adam-betas", "(0.9, 0.98)", "--max-tokens", "64"));
    assertTrue(e.getMessage().contains("unrecognized arguments: --adam-betas"), e.getMessage());
    e = assertThrows(LeapseqException.class,
        () -> setup("data", "--optimizer", "adam", "--max-tokens", "64", "--warmup-updates", "x"));
    assertTrue(e.getMessage().contains("--warmup-updates"), e.getMessage());
  }

  @Test
  void helpListsEveryRegisteredComponent() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Cli.execute(new TrainCommand(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "--help");
    assertEquals(0, code);
    String help = out.toString(StandardCharsets.UTF_8);
    Registries r = BuiltIns.registries();
    for (List<String> names : List.of(LmArchs.names(), r.criterions().names(), r.optimizers().names(),
        r.lrSchedulers().names(), r.attentions().names())) {
      for (String n : names) {
        assertTrue(help.contains(n), "--help does not list " + n);
      }
    }
  }
}
