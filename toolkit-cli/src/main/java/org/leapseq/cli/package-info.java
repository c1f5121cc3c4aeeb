// SPDX-License-Identifier: Apache-2.0
/**
 * The command-line tools behind the {@code bin/toolkit-*} launchers: picocli commands with fairseq's flag names,
 * mapped onto config records, with one-line errors (exit 1), usage errors (exit 2) and fairseq-style log lines on
 * stdout. This is the only module that writes to stdout.
 */
package org.leapseq.cli;
