// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.optim.Adam;
import org.leapseq.core.optim.AdamConfig;
import org.leapseq.core.optim.GradNorm;
import org.leapseq.core.tensor.BufferRecycler;
import org.leapseq.core.optim.Optimizer;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.criterions.Criterion;
import org.leapseq.models.criterions.CrossEntropyCriterion;
import org.leapseq.models.criterions.CrossEntropyCriterionConfig;
import org.leapseq.models.lm.LmArchs;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.leapseq.models.lm.TransformerLmConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Training-step throughput of a transformer LM on random tokens: forward, backward and an Adam step per update,
 * reported as tokens/s with the time split into the three phases, and the process's peak resident memory over one
 * step (in a process that ran a bigger case first, the memory glibc kept from it counts too).
 */
final class TrainBench {
  /** One model size. */
  record Shape(String name, int layers, int dim, int heads, int ffn, int vocab) {}

  static final List<Shape> DEFAULT_SHAPES = List.of(new Shape("4x256", 4, 256, 4, 1024, 8000),
      new Shape("6x512", 6, 512, 8, 2048, 16000));

  private TrainBench() {}

  static void run(Report report, List<Shape> shapes, List<String> mechanisms, List<Integer> lengths, int batch,
      int steps) {
    for (Shape shape : shapes) {
      for (String mechanism : mechanisms) {
        for (int t : lengths) {
          one(report, shape, mechanism, t, batch, steps);
        }
      }
    }
  }

  private static void one(Report report, Shape s, String mechanism, int t, int batch, int steps) {
    Map<String, Object> r = report.row();
    r.put("model", s.name());
    r.put("vocab", s.vocab());
    r.put("attention", mechanism);
    r.put("T", t);
    r.put("batch", batch);
    Map<String, String> args = new LinkedHashMap<>();
    args.put("decoder_layers", String.valueOf(s.layers()));
    args.put("decoder_embed_dim", String.valueOf(s.dim()));
    args.put("decoder_attention_heads", String.valueOf(s.heads()));
    args.put("decoder_ffn_embed_dim", String.valueOf(s.ffn()));
    args.put("tokens_per_sample", String.valueOf(t));
    args.put("attention", mechanism);
    TransformerLmConfig cfg = TransformerLmConfig.fromArgs(LmArchs.resolve("transformer_lm", args));
    TransformerLanguageModel model = TransformerLanguageModel.build(cfg, s.vocab(), 1,
        BuiltIns.registries().attentions(), DataType.FLOAT, new Rng(1));
    model.train();
    Criterion criterion = new CrossEntropyCriterion(CrossEntropyCriterionConfig.defaults());
    Optimizer adam = new Adam(AdamConfig.defaults(), model.parameters());
    SplittableRandom random = new SplittableRandom(7);
    int[] source = new int[batch * t];
    int[] target = new int[batch * t];
    for (int i = 0; i < source.length; i++) {
      source[i] = 4 + random.nextInt(s.vocab() - 4);
      target[i] = 4 + random.nextInt(s.vocab() - 4);
    }
    double[] phase = new double[3];
    Runnable step = () -> {
      long t0 = System.nanoTime();
      Criterion.Result res = criterion.compute(model, source, target, t);
      BufferRecycler.atBoundary();
      long t1 = System.nanoTime();
      res.loss().backward();
      long t2 = System.nanoTime();
      GradNorm.multiplyGrads(model.parameters(), 1.0 / res.sampleSize());
      adam.step(1e-4);
      model.zeroGrad();
      BufferRecycler.atBoundary();
      long t3 = System.nanoTime();
      phase[0] += (t1 - t0) / 1e9;
      phase[1] += (t2 - t1) / 1e9;
      phase[2] += (t3 - t2) / 1e9;
    };
    step.run();
    long peak;
    try (NativePeak p = NativePeak.start()) {
      boolean reset = NativePeak.resetProcessPeak();
      step.run();
      // the process's peak over the step where the kernel keeps one, else the sampled peak of the resident set
      peak = reset ? NativePeak.processPeakBytes().orElse(p.peakLevelBytes()) : p.peakLevelBytes();
    }
    phase[0] = phase[1] = phase[2] = 0;
    Stopwatch.Timing timing = Stopwatch.time(step, 0, steps);
    r.put("params", model.parameterCount());
    r.put("tokens_per_s", batch * t / timing.medianSeconds());
    r.put("step_s", timing.medianSeconds());
    r.put("fwd_share", phase[0] / (phase[0] + phase[1] + phase[2]));
    r.put("bwd_share", phase[1] / (phase[0] + phase[1] + phase[2]));
    r.put("optim_share", phase[2] / (phase[0] + phase[1] + phase[2]));
    r.put("peak_rss_mib", peak / 1048576.0);
  }
}
