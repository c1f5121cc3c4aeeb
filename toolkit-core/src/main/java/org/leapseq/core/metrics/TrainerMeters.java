// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.metrics;

/**
 * The values fairseq's trainer and task log besides the criterion's, with fairseq's priorities (hence report
 * order), weights and rounding: {@code wps} 90, {@code ups} 100, {@code wpb} 180, {@code bsz} 190,
 * {@code num_updates} 200, {@code lr} 300, {@code gnorm} 400, {@code clip} 500, {@code loss_scale} 700,
 * {@code wall} 790, {@code train_wall} 800, {@code gb_free} 1500.
 */
public final class TrainerMeters {
  private TrainerMeters() {}

  /** Trainer construction: the {@code wall} stopwatch, in {@code default} only (priority 790, units). */
  public static void startWall(Metrics m) {
    m.logStartTime("wall", 790, 0);
  }

  /** Start of a train step: the {@code train_wall} stopwatch (priority 800, units). */
  public static void startStep(Metrics m) {
    m.logStartTime("train_wall", 800, 0);
  }

  /** End of a train step (fairseq stops it with weight 0, so it reads as the summed seconds). */
  public static void stopStep(Metrics m) {
    m.logStopTime("train_wall", 0);
  }

  /** {@code set_num_updates} and {@code lr_step_update}: latest values, weight 0. */
  public static void logUpdate(Metrics m, long numUpdates, double lr) {
    m.logScalar("num_updates", numUpdates, 0, 200, Meter.NO_ROUND);
    m.logScalar("lr", lr, 0, 300, Meter.NO_ROUND);
  }

  /**
   * A finite gradient norm: {@code ups} (2 digits), {@code gnorm} (3) and, when clipping is on
   * ({@code clipNorm > 0}), {@code clip} = 100 if the norm exceeded it else 0 (1 digit).
   */
  public static void logGradNorm(Metrics m, double gradNorm, double clipNorm) {
    m.logSpeed("ups", 1.0, 100, 2);
    m.logScalar("gnorm", gradNorm, 1, 400, 3);
    if (clipNorm > 0) {
      m.logScalar("clip", gradNorm > clipNorm ? 100 : 0, 1, 500, 1);
    }
  }

  /** {@code FairseqTask.reduce_metrics}: {@code wpb} and {@code wps} from ntokens, {@code bsz} from nsentences. */
  public static void logBatch(Metrics m, double ntokens, double nsentences) {
    m.logScalar("wpb", ntokens, 1, 180, 1);
    m.logSpeed("wps", ntokens, 90, 1);
    m.logScalar("bsz", nsentences, 1, 190, 1);
  }

  /** fp16 / amp only: the loss scale (4 digits). */
  public static void logLossScale(Metrics m, double scale) {
    m.logScalar("loss_scale", scale, 1, 700, 4);
  }

  /** Minimum free accelerator memory over the step, in GiB (weight 0, 1 digit). */
  public static void logGbFree(Metrics m, double gbFree) {
    m.logScalar("gb_free", gbFree, 0, 1500, 1);
  }
}
