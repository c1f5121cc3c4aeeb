// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import org.slf4j.LoggerFactory;

/** Where a progress bar's lines go: an INFO message on the logger {@code loggerName}. */
@FunctionalInterface
public interface StatSink {
  /** The logger a bar uses for untagged lines, as fairseq's module logger. */
  String DEFAULT_LOGGER = "fairseq.logging.progress_bar";

  /** SLF4J, one logger per name. */
  StatSink SLF4J = (name, message) -> LoggerFactory.getLogger(name).info(message);

  void info(String loggerName, String message);
}
