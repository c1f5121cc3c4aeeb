// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.leapseq.core.nn.Rng;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.decode.FusedDecoder;
import org.leapseq.models.generate.GenerationConfig;
import org.leapseq.models.generate.NextTokenScores;
import org.leapseq.models.generate.SequenceGenerator;
import org.leapseq.models.lm.DecoderState;
import org.leapseq.models.lm.LmArchs;
import org.leapseq.models.lm.TransformerDecoder;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.leapseq.models.lm.TransformerLmConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Language-model decoding speed on random weights: the cost of one decoding step (decoder step, output layer and
 * log-softmax over the vocabulary) at batch 1 after t tokens of context, and greedy generation throughput
 * (prompt of 16 tokens, 64 generated, the third of three runs timed) at batch 1 and 8 through the real
 * {@link SequenceGenerator}, through the fused decoder and/or the model's ND4J decoding.
 */
final class GenerateBench {
  private GenerateBench() {}

  static void run(Report report, List<TrainBench.Shape> shapes, List<String> mechanisms, List<Integer> contexts,
      List<Integer> batches, int steps, List<String> paths) {
    for (TrainBench.Shape shape : shapes) {
      for (String mechanism : mechanisms) {
        TransformerLanguageModel model = model(shape, mechanism, contexts);
        for (String path : paths) {
          Optional<FusedDecoder> use = switch (path) {
            case "fused" -> FusedDecoder.of(model);
            case "bf16" -> FusedDecoder.unsupported(model).isEmpty()
                ? Optional.of(FusedDecoder.bf16(model)) : Optional.empty();
            default -> Optional.empty();
          };
          if (!path.equals("nd4j") && use.isEmpty()) {
            continue;
          }
          for (int t : contexts) {
            stepAt(report, shape, mechanism, model, path, use, t, steps);
          }
          for (int b : batches) {
            generate(report, shape, mechanism, model, path, use, b);
          }
        }
      }
    }
  }

  private static TransformerLanguageModel model(TrainBench.Shape s, String mechanism, List<Integer> contexts) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("decoder_layers", String.valueOf(s.layers()));
    args.put("decoder_embed_dim", String.valueOf(s.dim()));
    args.put("decoder_attention_heads", String.valueOf(s.heads()));
    args.put("decoder_ffn_embed_dim", String.valueOf(s.ffn()));
    args.put("max_target_positions", String.valueOf(contexts.stream().mapToInt(Integer::intValue).max()
        .orElse(0) + 256));
    args.put("share_decoder_input_output_embed", "true");
    args.put("attention", mechanism);
    TransformerLmConfig cfg = TransformerLmConfig.fromArgs(LmArchs.resolve("transformer_lm", args));
    TransformerLanguageModel m = TransformerLanguageModel.build(cfg, s.vocab(), Dictionary.PAD,
        BuiltIns.registries().attentions(), DataType.FLOAT, new Rng(1));
    m.eval();
    return m;
  }

  private static int[] randomTokens(int n, int vocab, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = 4 + r.nextInt(vocab - 4);
    }
    return out;
  }

  private static void stepAt(Report report, TrainBench.Shape s, String mechanism, TransformerLanguageModel model,
      String path, Optional<FusedDecoder> fused, int t, int steps) {
    Map<String, Object> r = report.row();
    r.put("bench", "step");
    r.put("path", path);
    r.put("model", s.name());
    r.put("vocab", s.vocab());
    r.put("attention", mechanism);
    r.put("t", t);
    r.put("batch", 1);
    DecoderState context = model.extend(model.emptyState(1), randomTokens(t, s.vocab(), t), t).state();
    if (fused.isPresent()) {
      // the fused state advances in place: a softmax cache grows by one key per step (a few hundred in the warm-up)
      FusedDecoder.State state = fused.get().state(context);
      int[] one = {5};
      long warm = System.nanoTime();
      while (System.nanoTime() - warm < 1_500_000_000L) {   // the JIT compiles the SIMD loops during this
        fused.get().step(state, one, 1.0);
      }
      Stopwatch.Timing timing = Stopwatch.time(() -> fused.get().step(state, one, 1.0), 2, steps);
      r.put("ms_per_token", timing.medianSeconds() * 1e3);
      r.put("tokens_per_s", 1 / timing.medianSeconds());
      return;
    }
    NextTokenScores scores = new NextTokenScores(model, 1.0);
    int[] token = {5};
    List<DecoderState> keep = new ArrayList<>();
    Runnable step = () -> {
      TransformerDecoder.Decoded d = model.extend(keep.isEmpty() ? context : keep.get(0), token, 1);
      INDArray f = d.features().value();
      scores.rows(f.reshape(1, f.size(2)));
      keep.clear();
      keep.add(d.state());
    };
    step.run();
    Stopwatch.Timing timing = Stopwatch.time(step, 2, steps);
    r.put("ms_per_token", timing.medianSeconds() * 1e3);
    r.put("tokens_per_s", 1 / timing.medianSeconds());
  }

  private static void generate(Report report, TrainBench.Shape s, String mechanism, TransformerLanguageModel model,
      String path, Optional<FusedDecoder> fused, int batch) {
    Map<String, Object> r = report.row();
    r.put("bench", "generate");
    r.put("path", path);
    r.put("model", s.name());
    r.put("vocab", s.vocab());
    r.put("attention", mechanism);
    r.put("t", "16+64");
    r.put("batch", batch);
    int generate = 64;
    GenerationConfig cfg = new GenerationConfig(1, 1, 0, 16 + generate, 16 + generate, 1, 0, false, 0, false, -1,
        -1, 1, 1);
    List<int[]> prompts = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      prompts.add(randomTokens(16, s.vocab(), 100 + i));
    }
    SequenceGenerator g = new SequenceGenerator(model, cfg, Dictionary.EOS, fused);
    g.generate(prompts);      // two untimed runs: the JIT compiles the batch-B loops on the first
    g.generate(prompts);
    long t0 = System.nanoTime();
    g.generate(prompts);
    double seconds = (System.nanoTime() - t0) / 1e9;
    r.put("ms_per_token", seconds * 1e3 / generate);
    r.put("tokens_per_s", (double) batch * generate / seconds);
  }
}
