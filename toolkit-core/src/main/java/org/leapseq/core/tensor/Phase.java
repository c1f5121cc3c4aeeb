// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

/** Whether a module runs for training (dropout active) or for evaluation and inference (dropout off). */
public enum Phase {
  TRAIN,
  EVAL
}
