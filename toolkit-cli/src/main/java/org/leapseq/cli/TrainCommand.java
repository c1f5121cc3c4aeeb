// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.Require;
import org.leapseq.core.logging.LogSink;
import org.leapseq.core.progress.LogFormat;
import org.leapseq.data.batching.BatchLimits;
import org.leapseq.data.batching.InvalidSizePolicy;
import org.leapseq.data.lm.LanguageModelingConfig;
import org.leapseq.data.lm.SampleBreakMode;
import org.leapseq.data.lm.ShortenMethod;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.Registries;
import org.leapseq.models.lm.LmArchs;
import org.leapseq.models.lm.TransformerLmConfig;
import org.leapseq.models.train.CheckpointConfig;
import org.leapseq.models.train.LmTraining;
import org.leapseq.models.train.LmTrainingSetup;
import org.leapseq.models.train.LoopConfig;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code toolkit-train}: fairseq-train for language models, with fairseq's flags, checkpoint rules and log lines.
 * The common options are declared here; the selected model, criterion, optimizer and lr scheduler each add their
 * own fairseq-named options ({@code --decoder-embed-dim}, {@code --adam-betas}, {@code --warmup-updates} ...).
 */
@Command(
    name = "toolkit-train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Train a language model on binarized data (fairseq-train --task language_modeling).",
      "Running the same command again resumes from SAVE_DIR/checkpoint_last.safetensors.",
      "Model, criterion, optimizer and lr-scheduler options follow fairseq's names; see the component list below."
    },
    footer = {
      "%nComponents (each adds its fairseq-named options, e.g. --adam-betas, --warmup-updates, --decoder-layers):",
      "  --arch          transformer_lm, transformer_lm_big, transformer_lm_wiki103, transformer_lm_baevski_wiki103,",
      "                  transformer_lm_gbw, transformer_lm_baevski_gbw, transformer_lm_gpt, transformer_lm_gpt2_small,",
      "                  transformer_lm_gpt2_medium, transformer_lm_gpt2_big, transformer_lm_small_cpu,",
      "                  transformer_lm_tiny_cpu",
      "  --criterion     cross_entropy, label_smoothed_cross_entropy (--label-smoothing, --report-accuracy),",
      "                  adaptive_loss",
      "  --optimizer     adam (--adam-betas, --adam-eps, --weight-decay), nag (--momentum), sgd",
      "  --lr-scheduler  fixed, inverse_sqrt, cosine, polynomial_decay, reduce_lr_on_plateau",
      "  attention       --dec-sa-leapformer-enable --leap-factor N (LeaPformer), or --attention softmax,",
      "                  leapformer, cosformer, relu_linear, elu_linear"
    })
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATA", description = "directory of dict.txt and the binarized splits")
  Path data;

  @Option(names = "--task", defaultValue = "language_modeling", description = "task (default: ${DEFAULT-VALUE})")
  String task;

  @Option(names = {"-a", "--arch"}, defaultValue = "transformer_lm", description = "model architecture")
  String arch;

  @Option(names = "--criterion", defaultValue = "cross_entropy", description = "training criterion")
  String criterion;

  @Option(names = "--optimizer", description = "optimizer (adam, nag, sgd); required")
  String optimizer;

  @Option(names = "--lr-scheduler", defaultValue = "fixed", description = "learning rate schedule")
  String lrScheduler;

  @Option(names = "--lr", split = ",", defaultValue = "0.25", description = "learning rate(s) (default: 0.25)")
  List<Double> lr;

  @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--dtype", defaultValue = "float32", description = "float32 or float64")
  String dtype;

  // dataset
  @Option(names = "--tokens-per-sample", defaultValue = "1024", description = "max tokens per sample")
  int tokensPerSample;

  @Option(names = "--sample-break-mode", defaultValue = "none", description = "none|complete|complete_doc|eos")
  String sampleBreakMode;

  @Option(names = "--add-bos-token", description = "prepend the beginning-of-sentence token")
  boolean addBosToken;

  @Option(names = "--max-target-positions", description = "max target positions (default: --tokens-per-sample)")
  Integer maxTargetPositions;

  @Option(names = "--max-tokens", description = "max tokens in a batch (padded)")
  Long maxTokens;

  @Option(names = {"--batch-size", "--max-sentences"}, description = "max sentences in a batch")
  Integer batchSize;

  @Option(names = "--required-batch-size-multiple", defaultValue = "8", description = "batch size multiple")
  int requiredBatchSizeMultiple;

  @Option(names = "--max-tokens-valid", description = "max tokens per validation batch (default: --max-tokens)")
  Long maxTokensValid;

  @Option(names = {"--batch-size-valid", "--max-sentences-valid"},
      description = "max sentences per validation batch (default: --batch-size)")
  Integer batchSizeValid;

  @Option(names = "--skip-invalid-size-inputs-valid-test", description = "skip too-long validation items")
  boolean skipInvalidSizeInputsValidTest;

  @Option(names = "--train-subset", defaultValue = "train", description = "training split")
  String trainSubset;

  @Option(names = "--valid-subset", defaultValue = "valid", description = "validation splits, comma separated")
  String validSubset;

  @Option(names = "--num-workers", defaultValue = "1", description = "accepted for fairseq compatibility; data is"
      + " read from memory-mapped files on the training thread")
  int numWorkers;

  // optimization
  @Option(names = "--max-epoch", defaultValue = "0", description = "stop after this many epochs (0: no limit)")
  int maxEpoch;

  @Option(names = "--max-update", defaultValue = "0", description = "stop after this many updates (0: no limit)")
  long maxUpdate;

  @Option(names = "--stop-min-lr", defaultValue = "-1", description = "stop when the lr falls to this value")
  double stopMinLr;

  @Option(names = "--clip-norm", defaultValue = "0", description = "clip gradients to this norm (0: off)")
  double clipNorm;

  @Option(names = "--update-freq", split = ",", defaultValue = "1", description = "accumulate N batches per update")
  List<Integer> updateFreq;

  @Option(names = "--validate-interval", defaultValue = "1", description = "validate every N epochs")
  int validateInterval;

  @Option(names = "--validate-interval-updates", defaultValue = "0", description = "validate every N updates")
  int validateIntervalUpdates;

  @Option(names = "--validate-after-updates", defaultValue = "0", description = "no validation before N updates")
  int validateAfterUpdates;

  @Option(names = "--disable-validation", description = "never validate")
  boolean disableValidation;

  // checkpoints
  @Option(names = "--save-dir", defaultValue = "checkpoints", description = "where checkpoints go")
  Path saveDir;

  @Option(names = "--restore-file", defaultValue = CheckpointConfig.LAST,
      description = "checkpoint to resume from (default: SAVE_DIR/${DEFAULT-VALUE} when it exists)")
  String restoreFile;

  @Option(names = "--save-interval", defaultValue = "1", description = "save every N epochs")
  int saveInterval;

  @Option(names = "--save-interval-updates", defaultValue = "0", description = "save every N updates")
  int saveIntervalUpdates;

  @Option(names = "--keep-interval-updates", defaultValue = "-1", description = "keep the last N update checkpoints")
  int keepIntervalUpdates;

  @Option(names = "--keep-last-epochs", defaultValue = "-1", description = "keep the last N epoch checkpoints")
  int keepLastEpochs;

  @Option(names = "--no-epoch-checkpoints", description = "only store last and best checkpoints")
  boolean noEpochCheckpoints;

  @Option(names = "--no-last-checkpoints", description = "don't store the last checkpoint")
  boolean noLastCheckpoints;

  @Option(names = "--no-save", description = "don't save checkpoints")
  boolean noSave;

  @Option(names = "--best-checkpoint-metric", defaultValue = "loss", description = "metric for checkpoint_best")
  String bestCheckpointMetric;

  @Option(names = "--maximize-best-checkpoint-metric", description = "larger metric values are better")
  boolean maximizeBestCheckpointMetric;

  @Option(names = "--patience", defaultValue = "-1", description = "stop after N validations without improvement")
  int patience;

  @Option(names = "--reset-optimizer", description = "don't restore the optimizer state")
  boolean resetOptimizer;

  @Option(names = "--reset-lr-scheduler", description = "don't restore the lr scheduler state")
  boolean resetLrScheduler;

  @Option(names = "--reset-dataloader", description = "don't restore the data iterator position")
  boolean resetDataloader;

  @Option(names = "--reset-meters", description = "don't restore the meters")
  boolean resetMeters;

  @Option(names = "--finetune-from-model", description = "start from this model's weights (first launch only)")
  String finetuneFromModel;

  // logging
  @Option(names = "--log-interval", defaultValue = "100", description = "log every N updates")
  int logInterval;

  @Option(names = "--log-format", description = "simple|json|tqdm|none (default: tqdm on a terminal, else simple)")
  String logFormat;

  @Option(names = "--log-file", description = "also write the log to this file")
  Path logFile;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  @Unmatched List<String> componentFlags = new ArrayList<>();

  public static void main(String[] args) {
    Cli.main(new TrainCommand(), args);
  }

  @Override
  public Integer call() {
    LmTrainingSetup setup;
    try {
      setup = setup(BuiltIns.registries());
    } catch (LeapseqException e) {
      throw Cli.usage(spec.commandLine(), e.getMessage());
    }
    try (LogSink.FileCopy copy = logFile == null ? null : LogSink.get().copyTo(logFile)) {
      LmTraining.run(setup, BuiltIns.registries(), logFormat == null ? null : LogFormat.parse(logFormat),
          logInterval);
    } catch (java.io.IOException e) {
      throw new LeapseqException("--log-file " + logFile + ": cannot write: " + IoErrors.describe(e), e);
    } catch (OutOfMemoryError e) {
      throw new LeapseqException("out of memory (" + e.getMessage() + "); use a smaller --max-tokens (now "
          + (maxTokens == null ? "unset" : maxTokens) + ") or --tokens-per-sample, more --update-freq, or raise"
          + " LEAPSEQ_NATIVE_MEM / LEAPSEQ_HEAP", e);
    }
    return 0;
  }

  /** Resolves the flags into a run: arch presets, component configs, data and loop options. */
  LmTrainingSetup setup(Registries r) {
    Require.that(task.equals("language_modeling"), "--task %s: only language_modeling is available", task);
    Require.that(optimizer != null, "--optimizer is required (adam, nag or sgd)");
    DataType type = Cli.dtype(dtype);
    Class<? extends Record> optType = r.optimizers().configType(optimizer);
    Class<? extends Record> schedType = r.lrSchedulers().configType(lrScheduler);
    Class<? extends Record> critType = r.criterions().configType(criterion);
    Set<String> switches = ComponentFlags.switches(List.of(optType, schedType, critType));
    switches.addAll(TransformerLmConfig.switches());
    ComponentFlags flags = ComponentFlags.parse(componentFlags, switches);
    String lrList = lr.stream().map(String::valueOf).collect(Collectors.joining(","));
    flags.all().putIfAbsent("lr", lrList);
    flags.markUsed(Set.of("lr"));
    Record optCfg = apply(flags, optType);
    Record schedCfg = apply(flags, schedType);
    Record critCfg = apply(flags, critType);
    Map<String, String> modelArgs = new LinkedHashMap<>();
    Set<String> modelFlags = TransformerLmConfig.argNames();
    for (Map.Entry<String, String> e : flags.all().entrySet()) {
      if (modelFlags.contains(e.getKey())) {
        modelArgs.put(e.getKey(), e.getValue());
      }
    }
    flags.markUsed(modelArgs.keySet());
    flags.checkAllUsed();
    modelArgs.put("tokens_per_sample", String.valueOf(tokensPerSample));
    if (maxTargetPositions != null) {
      modelArgs.put("max_target_positions", String.valueOf(maxTargetPositions));
    }
    TransformerLmConfig model = TransformerLmConfig.fromArgs(LmArchs.resolve(arch, modelArgs));
    int positions = maxTargetPositions != null ? maxTargetPositions : tokensPerSample;
    LanguageModelingConfig lm = new LanguageModelingConfig(tokensPerSample, SampleBreakMode.parse(sampleBreakMode),
        addBosToken, positions, ShortenMethod.NONE);
    BatchLimits train = limits(maxTokens, batchSize);
    BatchLimits valid = limits(maxTokensValid != null ? maxTokensValid : maxTokens,
        batchSizeValid != null ? batchSizeValid : batchSize);
    return new LmTrainingSetup(data, trainSubset, lm, train, valid,
        skipInvalidSizeInputsValidTest ? InvalidSizePolicy.SKIP : InvalidSizePolicy.FAIL, seed, type, arch, model,
        criterion, critCfg, optimizer, optCfg, lrScheduler, schedCfg, clipNorm, loopConfig(), checkpointConfig(),
        String.join(" ", spec.commandLine().getParseResult().originalArgs()));
  }

  private BatchLimits limits(Long tokens, Integer sentences) {
    Require.that(tokens != null || sentences != null, "--max-tokens or --batch-size must be given");
    return new BatchLimits(tokens == null ? BatchLimits.UNLIMITED : tokens,
        sentences == null ? BatchLimits.UNLIMITED : sentences, requiredBatchSizeMultiple);
  }

  private static <C extends Record> C apply(ComponentFlags flags, Class<C> type) {
    return flags.apply(type, ComponentFlags.defaults(type));
  }

  LoopConfig loopConfig() {
    List<String> subsets = List.of(validSubset.split(","));
    return new LoopConfig(maxEpoch, maxUpdate, stopMinLr, updateFreq, logInterval, validateInterval,
        validateIntervalUpdates, validateAfterUpdates, disableValidation, subsets);
  }

  CheckpointConfig checkpointConfig() {
    return new CheckpointConfig(saveDir, restoreFile, saveInterval, saveIntervalUpdates, keepIntervalUpdates,
        keepLastEpochs, noEpochCheckpoints, noLastCheckpoints, noSave, bestCheckpointMetric,
        maximizeBestCheckpointMetric, patience, resetOptimizer, resetLrScheduler, resetDataloader, resetMeters,
        finetuneFromModel);
  }
}
