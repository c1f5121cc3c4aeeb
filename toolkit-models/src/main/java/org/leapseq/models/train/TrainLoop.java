// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.leapseq.core.IoErrors;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.progress.TrainMessages;
import org.leapseq.data.batching.EpochBatchIterator;
import org.leapseq.data.batching.EpochIterator;
import org.leapseq.data.batching.GroupedIterator;
import org.leapseq.data.lm.LmBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fairseq's {@code fairseq_cli/train.py} loop: epochs of grouped updates, {@code train_inner} lines every
 * {@code --log-interval}, validation and checkpoints at epoch ends and every {@code --save-interval-updates} /
 * {@code --validate-interval-updates}, early stopping ({@code --patience}), {@code --max-update},
 * {@code --max-epoch} and {@code --stop-min-lr}, and the per-epoch lr step.
 */
public final class TrainLoop {
  private static final Logger LOG = LoggerFactory.getLogger("fairseq_cli.train");

  private final Trainer trainer;
  private final EpochBatchIterator<LmBatch> trainItr;
  private final Function<String, EpochBatchIterator<LmBatch>> validItr;
  private final LoopConfig loop;
  private final CheckpointConfig ckpt;
  private final Rng rng;
  private final TrainLog log;
  private final Function<TrainState, org.leapseq.core.checkpoint.Checkpoint> snapshot;
  private Double best;
  private Double patienceBest;
  private int patienceRuns;

  /**
   * @param validItr a fresh validation iterator for a subset name
   * @param rng the model's random stream (saved and restored with checkpoints)
   * @param snapshot builds the checkpoint content for a trainer state
   * @param best the best validation metric of a resumed run, or null
   */
  public TrainLoop(Trainer trainer, EpochBatchIterator<LmBatch> trainItr,
      Function<String, EpochBatchIterator<LmBatch>> validItr, LoopConfig loop, CheckpointConfig ckpt, Rng rng,
      TrainLog log, Function<TrainState, org.leapseq.core.checkpoint.Checkpoint> snapshot, Double best) {
    this.trainer = trainer;
    this.trainItr = trainItr;
    this.validItr = validItr;
    this.loop = loop;
    this.ckpt = ckpt;
    this.rng = rng;
    this.log = log;
    this.snapshot = snapshot;
    this.best = best;
  }

  /** Trains until a stopping rule fires; returns the last validation loss (or null). */
  public Double run() {
    long start = System.nanoTime();
    double lr = lrStep(trainItr.nextEpochIndex(), null);
    int maxEpoch = loop.maxEpoch() > 0 ? loop.maxEpoch() : Integer.MAX_VALUE;
    Double lastValid = null;
    while (trainItr.nextEpochIndex() <= maxEpoch) {
      if (lr <= loop.stopMinLr()) {
        LOG.info("stopping training because current learning rate ({}) is smaller than or equal to minimum learning"
            + " rate (--stop-min-lr={})", lr, loop.stopMinLr());
        break;
      }
      EpochResult r = trainEpoch();
      lastValid = r.validLoss();
      if (r.shouldStop()) {
        break;
      }
      lr = lrStep(trainItr.epoch(), r.validLoss());
    }
    LOG.info(TrainMessages.doneTraining((System.nanoTime() - start) / 1e9));
    return lastValid;
  }

  private record EpochResult(Double validLoss, boolean shouldStop) {}

  private EpochResult trainEpoch() {
    EpochIterator<LmBatch> epochItr = trainItr.nextEpochIterator();
    int epoch = epochItr.epoch();
    int freq = loop.updateFreq(epoch);
    long offset = epochItr.n() / freq;
    GroupedIterator<LmBatch> grouped = epochItr.grouped(freq);
    Iterator<List<LmBatch>> groups = log.beginEpoch(epoch, grouped, grouped.total(), offset);
    LOG.info("begin training epoch {}", epoch);
    trainer.scheduler().stepBeginEpoch(epoch);
    trainer.scheduler().stepUpdate(trainer.numUpdates());
    LOG.info("Start iterating over samples");
    Double valid = null;
    boolean stop = false;
    while (groups.hasNext()) {
      List<LmBatch> group = groups.next();
      log.beginStep();
      Trainer.StepOutput out;
      try {
        out = trainer.trainStep(group);
      } catch (Trainer.NonFiniteException e) {
        Path last = ckpt.saveDir().resolve(CheckpointConfig.LAST);
        throw new LeapseqException(e.getMessage() + "; stopping. The last good checkpoint is "
            + (Files.exists(last) ? last : "none (nothing was saved yet)")
            + "; lower --lr or set --clip-norm and resume", e);
      }
      long n = trainer.numUpdates();
      log.endStep(out, n, trainer.lr());
      log.logInner(n);
      boolean endOfEpoch = !groups.hasNext();
      EpochResult r = validateAndSave(epoch, endOfEpoch);
      valid = r.validLoss();
      if (r.shouldStop()) {
        stop = true;
        break;
      }
    }
    log.endEpoch(epoch, trainer.numUpdates());
    return new EpochResult(valid, stop);
  }

  private EpochResult validateAndSave(int epoch, boolean endOfEpoch) {
    long n = trainer.numUpdates();
    boolean stop = false;
    if (loop.maxUpdate() > 0 && n >= loop.maxUpdate()) {
      stop = true;
      LOG.info("Stopping training due to num_updates: {} >= max_update: {}", n, loop.maxUpdate());
    }
    boolean doSave = (endOfEpoch && epoch % ckpt.saveInterval() == 0) || stop
        || (ckpt.saveIntervalUpdates() > 0 && n > 0 && n % ckpt.saveIntervalUpdates() == 0
            && n >= loop.validateAfterUpdates());
    boolean doValidate = ((!endOfEpoch && doSave) || (endOfEpoch && epoch % loop.validateInterval() == 0) || stop
        || (loop.validateIntervalUpdates() > 0 && n > 0 && n % loop.validateIntervalUpdates() == 0))
        && !loop.disableValidation() && n >= loop.validateAfterUpdates();
    Double validLoss = doValidate ? validate(epoch) : null;
    stop |= stopEarly(validLoss);
    if (doSave || stop) {
      save(epoch, endOfEpoch, validLoss);
    }
    return new EpochResult(validLoss, stop);
  }

  private Double validate(int epoch) {
    Double first = null;
    for (String subset : loop.validSubsets()) {
      LOG.info("begin validation on \"{}\" subset", subset);
      log.beginValid(epoch, subset);
      try (EpochBatchIterator<LmBatch> it = validItr.apply(subset)) {
        EpochIterator<LmBatch> e = it.nextEpochIterator();
        while (e.hasNext()) {
          log.valid(trainer.validStep(e.next()));
        }
      }
      Map<String, Double> stats = log.endValid(subset, trainer.numUpdates(), ckpt.bestCheckpointMetric(),
          first == null ? best : null, ckpt.maximizeBestCheckpointMetric());
      Double v = stats.get(ckpt.bestCheckpointMetric());
      if (v == null) {
        throw new LeapseqException("--best-checkpoint-metric " + ckpt.bestCheckpointMetric()
            + " is not a validation metric; valid: " + stats.keySet());
      }
      if (first == null) {
        first = v;
      }
    }
    return first;
  }

  private boolean stopEarly(Double validLoss) {
    if (validLoss == null || ckpt.patience() <= 0) {
      return false;
    }
    boolean better = patienceBest == null
        || (ckpt.maximizeBestCheckpointMetric() ? validLoss > patienceBest : validLoss < patienceBest);
    if (better) {
      patienceBest = validLoss;
      patienceRuns = 0;
      return false;
    }
    patienceRuns++;
    if (patienceRuns >= ckpt.patience()) {
      LOG.info("early stop since valid performance hasn't improved for last {} runs", ckpt.patience());
      return true;
    }
    return false;
  }

  private void save(int epoch, boolean endOfEpoch, Double validLoss) {
    boolean newBest = false;
    if (validLoss != null) {
      Double prev = best;
      best = prev == null ? validLoss
          : ckpt.maximizeBestCheckpointMetric() ? Math.max(validLoss, prev) : Math.min(validLoss, prev);
      newBest = ckpt.isBetter(validLoss, best);
    }
    if (ckpt.noSave()) {
      return;
    }
    List<String> names = CheckpointFiles.names(ckpt, epoch, endOfEpoch, trainer.numUpdates(), newBest);
    if (names.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    TrainState state = new TrainState(trainer.numUpdates(), trainItr.state(), trainer.scheduler().state(),
        rng.state(), best, validLoss, log.state());
    try {
      Files.createDirectories(ckpt.saveDir());
    } catch (java.io.IOException e) {
      throw new LeapseqException(ckpt.saveDir() + ": cannot create: " + IoErrors.describe(e), e);
    }
    Path first = ckpt.saveDir().resolve(names.get(0));
    org.leapseq.core.checkpoint.Checkpoints.write(first, snapshot.apply(state));
    for (String other : names.subList(1, names.size())) {
      CheckpointFiles.copy(first, ckpt.saveDir().resolve(other));
    }
    CheckpointFiles.prune(ckpt, ckpt.saveDir(), endOfEpoch);
    LOG.info(String.format("Saved checkpoint %s (epoch %d @ %d updates, score %s) (writing took %.4f seconds)",
        first, epoch, trainer.numUpdates(), validLoss, (System.nanoTime() - t0) / 1e9));
  }

  private double lrStep(int epoch, Double validLoss) {
    trainer.scheduler().stepEpoch(epoch, validLoss);
    return trainer.scheduler().stepUpdate(trainer.numUpdates());
  }
}
