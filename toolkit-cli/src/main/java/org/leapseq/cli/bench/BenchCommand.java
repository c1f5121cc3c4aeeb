// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.util.List;
import java.util.concurrent.Callable;
import org.leapseq.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toolkit-bench}: prints benchmark numbers as JSON and a table; see the subcommands. */
@Command(
    name = "toolkit-bench",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    subcommands = {BenchCommand.Gemm.class},
    description = {"Benchmarks that print numbers (one JSON document, then a table). Pick a subcommand."})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  public static void main(String[] args) {
    Cli.main(new BenchCommand(), args);
  }

  @Override
  public void run() {
    throw Cli.usage(spec.commandLine(), "missing subcommand: one of " + spec.subcommands().keySet());
  }

  /** {@code toolkit-bench gemm}: 2-D gemm GFLOP/s in float32 and float64. */
  @Command(name = "gemm", mixinStandardHelpOptions = true, description = "2-D gemm GFLOP/s (float32, float64)")
  static final class Gemm implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "256,512,1024,2048", description = "square sizes")
    List<Integer> sizes;

    @Option(names = "--repeats", defaultValue = "5", description = "timed runs per case (median reported)")
    int repeats;

    @Override
    public Integer call() {
      Report report = new Report("gemm", Machine.describe());
      GemmBench.run(report, sizes, repeats);
      report.print(System.out);
      return 0;
    }
  }
}
