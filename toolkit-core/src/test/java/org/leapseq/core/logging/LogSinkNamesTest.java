// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogSinkNamesTest {
  @Test
  void fairseqLoggerNamesPassAtInfoAndLibrariesOnlyFromWarn() {
    LogSink sink = LogSink.get();
    sink.setLevel(Level.INFO);
    try {
      check(sink);
    } finally {
      sink.setLevel(LogSink.parse(System.getProperty("leapseq.log.level", "info")));
    }
  }

  private static void check(LogSink sink) {
    for (String own : new String[] {"org.leapseq.cli", "fairseq_cli.train", "fairseq.trainer", "train_inner",
        "train", "valid"}) {
      assertTrue(sink.enabled(own, Level.INFO), own);
    }
    assertFalse(sink.enabled("org.nd4j.linalg.factory.Nd4jBackend", Level.INFO));
    assertTrue(sink.enabled("org.nd4j.linalg.factory.Nd4jBackend", Level.WARN));
  }
}
