// SPDX-License-Identifier: Apache-2.0
/**
 * Leapseq's SLF4J binding: fairseq's log line format ({@code 2026-01-01 12:00:00 | INFO | leapseq.cli.preprocess |
 * message}), one global level, third-party libraries (ND4J, JavaCPP) held at WARN, and optional copies of every
 * line into log files such as {@code preprocess.log}.
 */
package org.leapseq.core.logging;
