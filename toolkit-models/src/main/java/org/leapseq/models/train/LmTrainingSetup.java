// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.train;

import java.nio.file.Path;
import org.leapseq.data.batching.BatchLimits;
import org.leapseq.data.batching.InvalidSizePolicy;
import org.leapseq.data.lm.LanguageModelingConfig;
import org.leapseq.models.lm.TransformerLmConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A resolved language-model training run: data, model, components with their configs, loop and checkpoint rules.
 *
 * @param data the data directory (dict.txt and binarized splits)
 * @param trainSubset {@code --train-subset}
 * @param task the language_modeling options
 * @param trainLimits {@code --max-tokens}, {@code --batch-size}, {@code --required-batch-size-multiple}
 * @param validLimits the validation batch limits
 * @param validPolicy {@code --skip-invalid-size-inputs-valid-test}
 * @param seed {@code --seed}
 * @param dtype parameter and activation type
 * @param arch {@code --arch}
 * @param model the resolved model config
 * @param criterion {@code --criterion}
 * @param criterionConfig its config
 * @param optimizer {@code --optimizer}
 * @param optimizerConfig its config
 * @param lrScheduler {@code --lr-scheduler}
 * @param lrSchedulerConfig its config
 * @param clipNorm {@code --clip-norm}
 * @param loop the loop options
 * @param checkpoint the checkpoint options
 * @param commandLine the command as typed, for provenance
 */
public record LmTrainingSetup(Path data, String trainSubset, LanguageModelingConfig task, BatchLimits trainLimits,
    BatchLimits validLimits, InvalidSizePolicy validPolicy, long seed, DataType dtype, String arch,
    TransformerLmConfig model, String criterion, Record criterionConfig, String optimizer, Record optimizerConfig,
    String lrScheduler, Record lrSchedulerConfig, double clipNorm, LoopConfig loop, CheckpointConfig checkpoint,
    String commandLine) {}
