// SPDX-License-Identifier: Apache-2.0
/**
 * fairseq's progress bars ({@code fairseq/logging/progress_bar.py}) for {@code --log-format simple|json|tqdm|none}
 * and {@code --log-interval}: the mid-epoch line ({@code epoch 001:     10 / 242 loss=9.853, ...}), the
 * end-of-epoch and validation lines ({@code epoch 001 | valid on 'valid' subset | loss 9.2 | ...}), JSON records,
 * and a live terminal bar that falls back to plain lines when there is no console. Lines go through SLF4J under
 * fairseq's logger names (the tag: {@code train_inner}, {@code train}, {@code valid}).
 */
package org.leapseq.core.progress;
