// SPDX-License-Identifier: Apache-2.0
/**
 * Training as fairseq's {@code trainer.py} and {@code fairseq_cli/train.py} do it: update steps with gradient
 * accumulation, clipping and lr schedules; validation; checkpoints with fairseq's names and retention rules; exact
 * resumption from {@code checkpoint_last}.
 */
package org.leapseq.models.train;
