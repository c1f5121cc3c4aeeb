// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leapseq.cli.Cli;
import org.leapseq.core.LeapseqException;
import org.leapseq.models.decode.FusedDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toolkit-bench}: prints benchmark numbers as JSON and a table; see the subcommands. */
@Command(
    name = "toolkit-bench",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    subcommands = {BenchCommand.Gemm.class, BenchCommand.Attention.class, BenchCommand.Train.class,
        BenchCommand.Generate.class, BenchCommand.Fbank.class},
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
  /** {@code toolkit-bench attention}: attention cores, decoding steps and a transformer layer. */
  @Command(name = "attention", mixinStandardHelpOptions = true, usageHelpWidth = 110,
      description = {"Per mechanism, causal and not: forward and forward+backward time per token and peak native "
          + "memory over --lengths (fixed batch x heads x head_dim); decode-step time over --decode-lengths; a "
          + "transformer layer's forward+backward GFLOP/s beside the 2-D gemm's."})
  static final class Attention implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--mechanisms", split = ",",
        defaultValue = "softmax,leapformer,leapformer_quadratic,cosformer,relu_linear,elu_linear",
        description = "mechanisms (default: ${DEFAULT-VALUE})")
    List<String> mechanisms;

    @Option(names = "--lengths", split = ",", defaultValue = "256,1024,4096,16384", description = "sequence lengths")
    List<Integer> lengths;

    @Option(names = "--decode-lengths", split = ",", defaultValue = "16,1024,16384",
        description = "decoded lengths t at which one step is timed")
    List<Integer> decodeLengths;

    @Option(names = "--batch", defaultValue = "1", description = "batch size B") int batch;
    @Option(names = "--heads", defaultValue = "8", description = "heads H") int heads;
    @Option(names = "--head-dim", defaultValue = "64", description = "head size D") int headDim;
    @Option(names = "--chunk", defaultValue = "128", description = "chunk size of the chunkwise causal form")
    int chunk;
    @Option(names = "--repeats", defaultValue = "3", description = "timed runs per case (median reported)")
    int repeats;
    @Option(names = "--memory-limit-gb", defaultValue = "8",
        description = "skip quadratic cases whose T x T scores would need more than this")
    double memoryLimitGb;
    @Option(names = "--layer-batch", defaultValue = "8") int layerBatch;
    @Option(names = "--layer-length", defaultValue = "512") int layerLength;
    @Option(names = "--layer-dim", defaultValue = "512") int layerDim;
    @Option(names = "--layer-ffn", defaultValue = "2048") int layerFfn;
    @Option(names = "--layer-heads", defaultValue = "8") int layerHeads;

    @Override
    public Integer call() {
      for (String m : mechanisms) {
        try {
          AttentionBench.factory(m, chunk);
        } catch (LeapseqException e) {
          throw Cli.usage(spec.commandLine(), e.getMessage());
        }
      }
      Report report = new Report("attention", Machine.describe());
      AttentionBench.run(report, new AttentionBench.Options(mechanisms, lengths, decodeLengths, batch, heads,
          headDim, chunk, repeats, memoryLimitGb, layerBatch, layerLength, layerDim, layerFfn, layerHeads));
      report.print(System.out);
      return 0;
    }
  }
  /** {@code toolkit-bench train}: LM training steps on random tokens. */
  @Command(name = "train", mixinStandardHelpOptions = true, usageHelpWidth = 110,
      description = {"Transformer LM training steps (forward, backward, Adam) on random tokens: tokens/s, the share"
          + " of each phase and peak RSS, for the 4x256/V8000 and 6x512/V16000 models of the issue's anchors."})
  static final class Train implements Callable<Integer> {
    @Option(names = "--models", split = ",", defaultValue = "4x256,6x512", description = "4x256 and/or 6x512")
    List<String> models;

    @Option(names = "--attention", split = ",", defaultValue = "leapformer,softmax",
        description = "attention mechanisms (default: ${DEFAULT-VALUE})")
    List<String> attention;

    @Option(names = "--lengths", split = ",", defaultValue = "256,1024", description = "tokens per sample")
    List<Integer> lengths;

    @Option(names = "--batch", defaultValue = "8", description = "sequences per batch") int batch;

    @Option(names = "--steps", defaultValue = "3", description = "timed steps (median reported)") int steps;

    @Override
    public Integer call() {
      List<TrainBench.Shape> shapes = new java.util.ArrayList<>();
      for (String m : models) {
        shapes.add(TrainBench.DEFAULT_SHAPES.stream().filter(s -> s.name().equals(m)).findFirst()
            .orElseThrow(() -> new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--models: unknown model '" + m + "'; valid: 4x256, 6x512")));
      }
      Report report = new Report("train", Machine.describe());
      TrainBench.run(report, shapes, attention, lengths, batch, steps);
      report.print(System.out);
      return 0;
    }
  }

  /** {@code toolkit-bench generate}: decoding steps and greedy generation throughput. */
  @Command(name = "generate", mixinStandardHelpOptions = true, usageHelpWidth = 110,
      description = {"LM decoding on random weights: ms per decoding step (decoder, output layer, log-softmax) at"
          + " batch 1 after t tokens of context, and greedy generation tokens/s (16-token prompts, 64 new tokens)"
          + " at the given batch sizes."})
  static final class Generate implements Callable<Integer> {
    @Option(names = "--models", split = ",", defaultValue = "4x256,6x512", description = "4x256 and/or 6x512")
    List<String> models;

    @Option(names = "--vocab", description = "vocabulary size (default: 16000 for both, the Brown README model's)")
    Integer vocab;

    @Option(names = "--attention", split = ",", defaultValue = "leapformer,softmax",
        description = "attention mechanisms (default: ${DEFAULT-VALUE})")
    List<String> attention;

    @Option(names = "--contexts", split = ",", defaultValue = "16,256,2048", description = "context lengths t")
    List<Integer> contexts;

    @Option(names = "--batches", split = ",", defaultValue = "1,8", description = "generation batch sizes")
    List<Integer> batches;

    @Option(names = "--steps", defaultValue = "20", description = "timed decoding steps (median reported)")
    int steps;

    @Option(names = "--paths", split = ",", defaultValue = "fused,nd4j",
        description = "decoding paths to compare: fused (the default decoding path of float32 models), bf16 (fused"
            + " with bfloat16 weights, toolkit-generate --bf16) and/or nd4j (the model's own ND4J incremental"
            + " decoding); default: ${DEFAULT-VALUE}")
    List<String> paths;

    @Override
    public Integer call() {
      for (String p : paths) {
        if (!p.equals("fused") && !p.equals("bf16") && !p.equals("nd4j")) {
          throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
              "--paths: unknown path '" + p + "'; valid: fused, bf16, nd4j");
        }
      }
      List<TrainBench.Shape> shapes = new java.util.ArrayList<>();
      for (String m : models) {
        TrainBench.Shape s = TrainBench.DEFAULT_SHAPES.stream().filter(x -> x.name().equals(m)).findFirst()
            .orElseThrow(() -> new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--models: unknown model '" + m + "'; valid: 4x256, 6x512"));
        shapes.add(new TrainBench.Shape(s.name(), s.layers(), s.dim(), s.heads(), s.ffn(),
            vocab != null ? vocab : 16000));
      }
      Map<String, Object> machine = Machine.describe();
      machine.put("decode_threads", FusedDecoder.threads());
      machine.put("decode_kernels", FusedDecoder.kernelName());
      machine.put("omp_num_threads", Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("unset"));
      Report report = new Report("generate", machine);
      GenerateBench.run(report, shapes, attention, contexts, batches, steps, paths);
      report.print(System.out);
      return 0;
    }
  }

  /** {@code toolkit-bench fbank}: the Kaldi fbank's real-time factor per core. */
  @Command(name = "fbank", mixinStandardHelpOptions = true, usageHelpWidth = 110,
      description = {"Real-time factor per core of the Kaldi log-mel fbank (seconds of audio per CPU second on one"
          + " thread): at the files' own rate, at 16 kHz, and end to end with WAV decoding and resampling. Without"
          + " WAV arguments it synthesises --utterances espeak-ng sentences (apt-get install -y espeak-ng)."})
  static final class Fbank implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "WAV", description = "WAV files or directories")
    List<java.nio.file.Path> wavs = List.of();

    @Option(names = "--utterances", defaultValue = "40", description = "espeak-ng utterances when no WAV is given")
    int utterances;

    @Option(names = "--repeats", defaultValue = "5", description = "timed passes per case (median reported)")
    int repeats;

    @Override
    public Integer call() {
      Report report = new Report("fbank", Machine.describe());
      FbankBench.run(report, wavs, utterances, repeats);
      report.print(spec.commandLine().getOut());
      return 0;
    }
  }
}
