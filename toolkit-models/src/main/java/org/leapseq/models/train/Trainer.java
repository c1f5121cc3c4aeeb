// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.nn.Module;
import org.leapseq.core.optim.GradNorm;
import org.leapseq.core.optim.LrScheduler;
import org.leapseq.core.optim.Optimizer;
import org.leapseq.core.tensor.BufferRecycler;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.data.lm.LmBatch;
import org.leapseq.models.criterions.Criterion;
import org.leapseq.models.lm.LanguageModel;

/**
 * fairseq's {@code Trainer} for language models: one update = forward/backward of every batch of a group
 * ({@code --update-freq}), gradients divided by the summed sample size, clipped to {@code --clip-norm}, an optimizer
 * step at the scheduled lr, then the lr scheduler's per-update step.
 */
public final class Trainer {
  private final Module model;
  private final LanguageModel lm;
  private final Criterion criterion;
  private final Optimizer optimizer;
  private final LrScheduler scheduler;
  private final List<Tensor> params;
  private final double clipNorm;
  private long numUpdates;

  /** {@code model} must be the same object as {@code lm} (a module that is a language model). */
  public Trainer(Module model, Criterion criterion, Optimizer optimizer, LrScheduler scheduler, double clipNorm) {
    if (!(model instanceof LanguageModel l)) {
      throw new IllegalArgumentException(model.getClass() + " is not a LanguageModel");
    }
    this.model = model;
    this.lm = l;
    this.criterion = criterion;
    this.optimizer = optimizer;
    this.scheduler = scheduler;
    this.params = model.parameters();
    this.clipNorm = clipNorm;
  }

  /** What one update logged: summed criterion outputs, the gradient norm before clipping, the lr used. */
  public record StepOutput(Map<String, Double> logging, double gnorm, boolean clipped, double lr) {}

  /**
   * One update over {@code group}. Throws {@link LeapseqException} on a non-finite gradient norm (nothing is
   * updated then).
   */
  public StepOutput trainStep(List<LmBatch> group) {
    model.train();
    model.zeroGrad();
    Map<String, Double> logging = new LinkedHashMap<>();
    double sampleSize = 0;
    for (LmBatch b : group) {
      Criterion.Result r = criterion.compute(lm, b.source(), b.target(), b.width());
      BufferRecycler.atBoundary();
      r.loss().backward();
      sampleSize += r.sampleSize();
      r.logging().forEach((k, v) -> logging.merge(k, v, Double::sum));
    }
    GradNorm.multiplyGrads(params, 1.0 / (sampleSize > 0 ? sampleSize : 1.0));
    double gnorm = GradNorm.clip(params, clipNorm);
    if (!Double.isFinite(gnorm)) {
      model.zeroGrad();
      throw new NonFiniteException(numUpdates + 1, gnorm);
    }
    double lr = scheduler.lr();
    optimizer.step(lr);
    numUpdates++;
    scheduler.stepUpdate(numUpdates);
    model.zeroGrad();
    BufferRecycler.atBoundary();
    return new StepOutput(logging, gnorm, clipNorm > 0 && GradNorm.clipped(gnorm, clipNorm), lr);
  }

  /** Summed criterion outputs of one validation batch (eval mode, no gradients). */
  public Map<String, Double> validStep(LmBatch b) {
    model.eval();
    try (NoGrad ignored = NoGrad.enter()) {
      Map<String, Double> out = new LinkedHashMap<>(criterion.compute(lm, b.source(), b.target(), b.width()).logging());
      BufferRecycler.atBoundary();
      return out;
    }
  }

  /** Updates done so far. */
  public long numUpdates() {
    return numUpdates;
  }

  /** Sets the update count (resume) and lets the scheduler catch up to it. */
  public void setNumUpdates(long n) {
    numUpdates = n;
    scheduler.stepUpdate(n);
  }

  /** The lr the next update will use. */
  public double lr() {
    return scheduler.lr();
  }

  /** The model. */
  public Module model() {
    return model;
  }

  /** The criterion. */
  public Criterion criterion() {
    return criterion;
  }

  /** The optimizer. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** The lr scheduler. */
  public LrScheduler scheduler() {
    return scheduler;
  }

  /** A non-finite gradient norm: training cannot continue from this state. */
  public static final class NonFiniteException extends LeapseqException {
    private final long update;

    NonFiniteException(long update, double gnorm) {
      super("gradients are NaN/Inf (norm " + gnorm + ") at update " + update);
      this.update = update;
    }

    /** The update that failed (1-based). */
    public long update() {
      return update;
    }
  }
}
