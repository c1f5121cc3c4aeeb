// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli;

import picocli.CommandLine.Command;

/** {@code toolkit-interactive}: {@link GenerateCommand} with fairseq-interactive's output lines. */
@Command(name = "toolkit-interactive", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"Continue prompts read from stdin (or --input) as they arrive (fairseq-interactive"
        + " --task language_modeling); S-, W-, H-, D- and P- lines after every --buffer-size lines."})
public final class InteractiveCommand extends GenerateCommand {
  @Override
  boolean interactive() {
    return true;
  }

  public static void main(String[] args) {
    Cli.main(new InteractiveCommand(), args);
  }
}
