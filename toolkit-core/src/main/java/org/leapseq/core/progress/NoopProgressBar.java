// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import java.util.Map;

/** {@code --log-format none}: tracks the batch index and writes nothing, not even end-of-epoch stats. */
public final class NoopProgressBar extends ProgressBar {
  public NoopProgressBar(ProgressSpec spec) {
    super(spec, (name, message) -> {});
  }

  @Override
  public void log(Map<String, Double> stats, String tag, long step) {}

  @Override
  public void print(Map<String, Double> stats, String tag, long step) {}
}
