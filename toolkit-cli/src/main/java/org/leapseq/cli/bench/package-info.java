// SPDX-License-Identifier: Apache-2.0
/**
 * {@code toolkit-bench}: benchmarks that print numbers, never pass or fail. Each subcommand measures a family of
 * cases (2-D gemm, attention mechanisms, training steps) with warm-up runs, reports the median of timed repeats and
 * the peak native (JavaCPP) memory seen while a case ran, and prints one JSON document plus an aligned table.
 */
package org.leapseq.cli.bench;
