// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.train;

import java.nio.file.Path;
import org.leapseq.core.Require;

/**
 * fairseq's checkpoint options.
 *
 * @param saveDir {@code --save-dir}
 * @param restoreFile {@code --restore-file}; the default {@value #LAST} means "resume if it exists"
 * @param saveInterval {@code --save-interval} (epochs)
 * @param saveIntervalUpdates {@code --save-interval-updates} (0 = off)
 * @param keepIntervalUpdates {@code --keep-interval-updates} (-1 = keep all)
 * @param keepLastEpochs {@code --keep-last-epochs} (-1 = keep all)
 * @param noEpochCheckpoints {@code --no-epoch-checkpoints}
 * @param noLastCheckpoints {@code --no-last-checkpoints}
 * @param noSave {@code --no-save}
 * @param bestCheckpointMetric {@code --best-checkpoint-metric}
 * @param maximizeBestCheckpointMetric {@code --maximize-best-checkpoint-metric}
 * @param patience {@code --patience} (-1 = off)
 * @param resetOptimizer {@code --reset-optimizer}
 * @param resetLrScheduler {@code --reset-lr-scheduler}
 * @param resetDataloader {@code --reset-dataloader}
 * @param resetMeters {@code --reset-meters}
 * @param finetuneFromModel {@code --finetune-from-model} (null = off)
 */
public record CheckpointConfig(Path saveDir, String restoreFile, int saveInterval, int saveIntervalUpdates,
    int keepIntervalUpdates, int keepLastEpochs, boolean noEpochCheckpoints, boolean noLastCheckpoints,
    boolean noSave, String bestCheckpointMetric, boolean maximizeBestCheckpointMetric, int patience,
    boolean resetOptimizer, boolean resetLrScheduler, boolean resetDataloader, boolean resetMeters,
    String finetuneFromModel) {
  /** The file extension of Leapseq checkpoints (safetensors, not PyTorch pickles). */
  public static final String EXT = ".safetensors";
  /** The default restore file. */
  public static final String LAST = "checkpoint_last" + EXT;

  /** Checks the values. */
  public CheckpointConfig {
    Require.that(saveInterval > 0, "--save-interval must be positive, got %d", saveInterval);
    Require.that(saveIntervalUpdates >= 0, "--save-interval-updates must be >= 0, got %d", saveIntervalUpdates);
    Require.that(finetuneFromModel == null || restoreFile.equals(LAST),
        "--finetune-from-model cannot be combined with --restore-file");
    Require.that(finetuneFromModel == null || !(resetOptimizer || resetLrScheduler || resetDataloader || resetMeters),
        "--finetune-from-model cannot be combined with --reset-optimizer/--reset-lr-scheduler/--reset-dataloader/"
            + "--reset-meters (it resets them all)");
  }

  /** fairseq's defaults with the given save directory. */
  public static CheckpointConfig defaults(Path saveDir) {
    return new CheckpointConfig(saveDir, LAST, 1, 0, -1, -1, false, false, false, "loss", false, -1, false, false,
        false, false, null);
  }

  /** Whether {@code a} is at least as good as {@code b} under the metric's direction (fairseq's is_better). */
  public boolean isBetter(double a, double b) {
    return maximizeBestCheckpointMetric ? a >= b : a <= b;
  }
}
