// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.train;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.leapseq.core.metrics.Metrics;
import org.leapseq.core.metrics.TrainerMeters;
import org.leapseq.core.progress.LogFormat;
import org.leapseq.core.progress.ProgressBar;
import org.leapseq.core.progress.ProgressBars;
import org.leapseq.core.progress.ProgressSpec;
import org.leapseq.core.progress.TrainMessages;
import org.leapseq.models.criterions.Criterion;

/**
 * {@link TrainLog} with fairseq's metrics and progress bars: the same aggregators, weights, priorities and
 * rounding as fairseq's trainer and {@code fairseq_cli/train.py}, printed as {@code --log-format} says.
 */
public final class FairseqTrainLog implements TrainLog {
  private final Metrics metrics = new Metrics();
  private final LogFormat format;
  private final int logInterval;
  private final Criterion criterion;
  private final double clipNorm;
  private ProgressBar bar;
  private Metrics.Scope train;
  private Metrics.Scope inner;
  private ProgressBar validBar;
  private Metrics.Scope validScope;

  /**
   * @param format {@code --log-format}; null means tqdm on a terminal, simple otherwise (fairseq's default)
   * @param logInterval {@code --log-interval}
   * @param criterion reduces logging outputs into metrics
   * @param clipNorm {@code --clip-norm} (the {@code clip} meter exists only when it is positive)
   */
  public FairseqTrainLog(LogFormat format, int logInterval, Criterion criterion, double clipNorm) {
    this.format = format == null ? LogFormat.TQDM : format;
    this.logInterval = logInterval;
    this.criterion = criterion;
    this.clipNorm = clipNorm;
    TrainerMeters.startWall(metrics);
  }

  @Override
  public <T> Iterator<T> beginEpoch(int epoch, Iterator<T> updates, long size, long offset) {
    bar = ProgressBars.create(format,
        ProgressSpec.of(epoch, size).withOffset(offset).withLogInterval(logInterval));
    train = metrics.aggregate("train");
    return bar.wrap(updates);
  }

  @Override
  public void beginStep() {
    inner = metrics.aggregate("train_inner");
    TrainerMeters.startStep(metrics);
  }

  @Override
  public void endStep(Trainer.StepOutput step, long numUpdates, double nextLr) {
    TrainerMeters.logUpdate(metrics, numUpdates, nextLr);
    TrainerMeters.logGradNorm(metrics, step.gnorm(), clipNorm);
    logBatch(step.logging());
    TrainerMeters.stopStep(metrics);
    inner.close();
  }

  @Override
  public void logInner(long numUpdates) {
    if (numUpdates % logInterval == 0) {
      bar.log(metrics.trainingStats("train_inner"), "train_inner", numUpdates);
      metrics.resetMeters("train_inner");
    }
  }

  @Override
  public void endEpoch(int epoch, long numUpdates) {
    org.slf4j.LoggerFactory.getLogger(TrainMessages.LOGGER).info(TrainMessages.endOfEpoch(epoch));
    bar.print(metrics.trainingStats("train"), "train", numUpdates);
    metrics.resetMeters("train");
    train.close();
    bar.close();
  }

  @Override
  public void beginValid(int epoch, String subset) {
    validBar = ProgressBars.create(format, ProgressSpec.of(epoch, 0).withPrefix(TrainMessages.validPrefix(subset))
        .withLogInterval(logInterval));
    validScope = metrics.aggregateNewRoot();
  }

  @Override
  public void valid(Map<String, Double> logging) {
    logBatch(logging);
  }

  @Override
  public Map<String, Double> endValid(String subset, long numUpdates, String bestMetric, Double best,
      boolean maximize) {
    Map<String, Double> values = validScope.meters().smoothedValues();
    validScope.close();
    Map<String, Double> stats = values.containsKey(bestMetric)
        ? TrainMessages.validStats(values, numUpdates, bestMetric, best == null ? Double.NaN : best, maximize)
        : values;
    validBar.print(stats, subset, numUpdates);
    validBar.close();
    return stats;
  }

  @Override
  public Map<String, Object> state() {
    return new java.util.LinkedHashMap<>(metrics.state());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void load(Map<String, Object> state) {
    Map<String, List<Map<String, Object>>> typed = new java.util.LinkedHashMap<>();
    state.forEach((k, v) -> typed.put(k, (List<Map<String, Object>>) v));
    metrics.load(typed);
    TrainerMeters.startWall(metrics);
  }

  private void logBatch(Map<String, Double> logging) {
    TrainerMeters.logBatch(metrics, logging.getOrDefault("ntokens", 0.0), logging.getOrDefault("nsentences", 0.0));
    criterion.reduceMetrics(logging, metrics);
  }
}
