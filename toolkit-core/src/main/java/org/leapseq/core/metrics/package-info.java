// SPDX-License-Identifier: Apache-2.0
/**
 * fairseq's meters and metrics ({@code fairseq/logging/meters.py}, {@code metrics.py}): averaged, summed, timed
 * and stopwatch meters kept in priority order per named aggregator ({@code default}, {@code train},
 * {@code train_inner}, temporary validation roots), with fairseq's rounding of smoothed values and a plain
 * JSON-able state so a checkpoint restores the epoch averages of an interrupted run.
 */
package org.leapseq.core.metrics;
