// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.Configs;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.checkpoint.Checkpoint;
import org.leapseq.core.checkpoint.Checkpoints;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.optim.LrScheduler;
import org.leapseq.core.optim.Optimizer;
import org.leapseq.core.optim.OptimizerState;
import org.leapseq.core.progress.LogFormat;
import org.leapseq.core.progress.TrainMessages;
import org.leapseq.data.batching.EpochBatchIterator;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.data.lm.LmBatch;
import org.leapseq.data.lm.LmBatches;
import org.leapseq.models.Registries;
import org.leapseq.models.criterions.Criterion;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a language-model training run from its {@link LmTrainingSetup} (dictionary, model, criterion, optimizer,
 * scheduler, iterators), restores {@code checkpoint_last} or {@code --restore-file} when there is one (refusing a
 * checkpoint whose dictionary or model does not match), and runs the {@link TrainLoop}.
 */
public final class LmTraining {
  private static final Logger LOG = LoggerFactory.getLogger("fairseq_cli.train");

  private LmTraining() {}

  /**
   * Runs the training with fairseq's log lines in {@code format} (null: tqdm on a terminal, else simple) every
   * {@code logInterval} updates; returns the last validation loss (or null).
   */
  public static Double run(LmTrainingSetup s, Registries registries, LogFormat format, int logInterval) {
    Path dictFile = s.data().resolve("dict.txt");
    if (!Files.isRegularFile(dictFile)) {
      throw new LeapseqException(dictFile + ": no dictionary; DATA must be a toolkit-preprocess output directory");
    }
    Dictionary dict = Dictionary.load(dictFile);
    LOG.info("dictionary: {} types", dict.size());
    ObjectNode config = config(s);
    LOG.info("{}", config);
    Rng rng = new Rng(s.seed());
    TransformerLanguageModel model = TransformerLanguageModel.build(s.model(), dict.size(), Dictionary.PAD,
        registries.attentions(), s.dtype(), rng);
    Criterion criterion = registries.criterions().create(s.criterion(), s.criterionConfig());
    Optimizer optimizer = registries.optimizers().create(s.optimizer(), s.optimizerConfig()).create(model.parameters());
    LrScheduler scheduler = registries.lrSchedulers().create(s.lrScheduler(), s.lrSchedulerConfig());
    LOG.info("task: language_modeling");
    LOG.info("model: {} ({} self-attention)", s.arch(), s.model().attentionName());
    LOG.info("criterion: {}", s.criterion());
    long params = model.parameterCount();
    LOG.info(TrainMessages.modelParams(params, params));
    LOG.info(TrainMessages.devices(1));
    LOG.info(TrainMessages.batchLimits(s.trainLimits().maxTokens(), s.trainLimits().maxSentences()));
    if (s.trainLimits().maxTokens() > 0) {
      LOG.info("effective tokens per update (--max-tokens x --update-freq): at most {}",
          s.trainLimits().maxTokens() * s.loop().updateFreq(1));
    }
    Trainer trainer = new Trainer(model, criterion, optimizer, scheduler, s.clipNorm());
    TrainLog log = new FairseqTrainLog(format, logInterval, criterion, s.clipNorm());
    EpochBatchIterator<LmBatch> trainItr =
        LmBatches.train(s.data(), s.trainSubset(), s.task(), dict, s.trainLimits(), s.seed());
    String sha = dict.sha256();
    try (trainItr) {
      Double best = restore(s, trainer, trainItr, rng, log, sha, config);
      TrainLoop loop = new TrainLoop(trainer, trainItr,
          subset -> LmBatches.valid(s.data(), subset, s.task(), dict, s.validLimits(), s.seed(), s.validPolicy()),
          s.loop(), s.checkpoint(), rng, log, state -> snapshot(model.stateDict(), optimizer, state, config, sha, s),
          best);
      return loop.run();
    }
  }

  /** The resolved configuration stored in checkpoints and printed at start. */
  static ObjectNode config(LmTrainingSetup s) {
    ObjectNode o = Configs.json().createObjectNode();
    o.put("task", "language_modeling");
    o.set("task_config", Configs.toTree(s.task()));
    o.put("arch", s.arch());
    o.set("model", Configs.toTree(s.model()));
    o.put("criterion", s.criterion());
    o.set("criterion_config", Configs.toTree(s.criterionConfig()));
    o.put("optimizer", s.optimizer());
    o.set("optimizer_config", Configs.toTree(s.optimizerConfig()));
    o.put("lr_scheduler", s.lrScheduler());
    o.set("lr_scheduler_config", Configs.toTree(s.lrSchedulerConfig()));
    o.put("clip_norm", s.clipNorm());
    o.put("seed", s.seed());
    o.put("dtype", s.dtype().name().toLowerCase(java.util.Locale.ROOT));
    o.set("loop", Configs.json().valueToTree(s.loop()));
    return o;
  }

  private static Checkpoint snapshot(Map<String, org.nd4j.linalg.api.ndarray.INDArray> weights, Optimizer optimizer,
      TrainState state, ObjectNode config, String sha, LmTrainingSetup s) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(Checkpoint.CONFIG, config.toString());
    meta.put(Checkpoint.TRAINER_STATE, state.toJson());
    meta.put(Checkpoint.DICT_SHA256, sha);
    ObjectNode prov = Configs.json().createObjectNode();
    prov.put("tool", "leapseq toolkit-train");
    prov.put("command", s.commandLine());
    prov.put("written", Instant.now().toString());
    meta.put(Checkpoint.PROVENANCE, prov.toString());
    return new Checkpoint(weights, optimizer.state(), meta);
  }

  private static Double restore(LmTrainingSetup s, Trainer trainer, EpochBatchIterator<LmBatch> trainItr, Rng rng,
      TrainLog log, String sha, ObjectNode config) {
    CheckpointConfig c = s.checkpoint();
    boolean byDefault = c.restoreFile().equals(CheckpointConfig.LAST);
    Path file = byDefault ? c.saveDir().resolve(CheckpointConfig.LAST) : Path.of(c.restoreFile());
    if (!Files.exists(file)) {
      if (!byDefault) {
        throw new LeapseqException("--restore-file " + file + ": no such file");
      }
      if (c.finetuneFromModel() != null) {
        Path ft = Path.of(c.finetuneFromModel());
        LOG.info("loading pretrained model from {}: optimizer, lr scheduler, meters, dataloader will be reset", ft);
        Checkpoint ck = Checkpoints.read(ft);
        checkDictionary(ft, ck, sha);
        trainer.model().loadStateDict(ck.model());
      } else {
        LOG.info("No existing checkpoint found {}", file);
      }
      return null;
    }
    Checkpoint ck = Checkpoints.read(file);
    checkDictionary(file, ck, sha);
    checkModel(file, ck, config);
    trainer.model().loadStateDict(ck.model());
    String stateJson = ck.meta(Checkpoint.TRAINER_STATE);
    if (stateJson == null) {
      throw new LeapseqException(file + ": not a training checkpoint (no trainer state); use --finetune-from-model"
          + " to start from its weights");
    }
    TrainState st = TrainState.fromJson(stateJson);
    JsonNode saved = read(ck.meta(Checkpoint.CONFIG));
    if (!c.resetOptimizer()) {
      String was = saved.path("optimizer").asText();
      if (!was.equals(s.optimizer())) {
        throw new LeapseqException(file + ": optimizer does not match; please reset the optimizer"
            + " (--reset-optimizer). " + was + " vs " + s.optimizer());
      }
      if (!c.resetLrScheduler()) {
        trainer.scheduler().loadState(st.lrScheduler());
      }
      trainer.optimizer().loadState(new OptimizerState(ck.optimizer().tensors(), ck.optimizer().scalars()));
      trainer.setNumUpdates(st.numUpdates());
    }
    rng.restore(st.rng());
    if (!c.resetDataloader()) {
      trainItr.loadState(st.trainIterator());
    }
    boolean resetMeters = c.resetMeters() || st.trainIterator().iterationsInEpoch() == 0;
    if (!resetMeters) {
      log.load(st.meters());
    }
    LOG.info("Loaded checkpoint {} (epoch {} @ {} updates)", file, st.trainIterator().epoch(), st.numUpdates());
    return !c.resetOptimizer() && !c.resetMeters() ? st.best() : null;
  }

  private static void checkDictionary(Path file, Checkpoint ck, String sha) {
    String was = ck.meta(Checkpoint.DICT_SHA256);
    if (was != null && !was.equals(sha)) {
      throw new LeapseqException(file + ": the checkpoint was trained with a different dictionary (dict.txt sha256 "
          + was.substring(0, 12) + "..., this data has " + sha.substring(0, 12) + "...)");
    }
  }

  private static void checkModel(Path file, Checkpoint ck, ObjectNode config) {
    JsonNode saved = read(ck.meta(Checkpoint.CONFIG));
    List<String> diffs = new ArrayList<>();
    if (!saved.path("arch").asText().equals(config.path("arch").asText())) {
      diffs.add("--arch " + saved.path("arch").asText() + " vs " + config.path("arch").asText());
    }
    JsonNode a = saved.path("model");
    JsonNode b = config.path("model");
    for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!a.path(f).equals(b.path(f))) {
        diffs.add("--" + f.replace('_', '-') + " " + text(a.path(f)) + " vs " + text(b.path(f)));
      }
    }
    if (!saved.path("dtype").equals(config.path("dtype"))) {
      diffs.add("--dtype " + text(saved.path("dtype")) + " vs " + text(config.path("dtype")));
    }
    if (!diffs.isEmpty()) {
      throw new LeapseqException(file + ": the checkpoint's model differs from the flags (checkpoint vs flags): "
          + String.join("; ", diffs));
    }
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() ? "(unset)" : n.isTextual() ? n.asText() : n.toString();
  }

  private static JsonNode read(String json) {
    try {
      return json == null ? Configs.json().createObjectNode() : Configs.json().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new LeapseqException("corrupt config in the checkpoint: " + e.getOriginalMessage(), e);
    }
  }
}
