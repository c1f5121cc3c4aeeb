// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.ReduceOps;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.AttentionState;
import org.leapseq.models.attention.KvCache;
import org.leapseq.models.attention.LinearAttentionState;
import org.leapseq.models.attention.ops.AttentionDropout;
import org.leapseq.models.modules.Activation;
import org.leapseq.models.modules.AttentionMechanism;
import org.leapseq.models.modules.CosformerMechanism;
import org.leapseq.models.modules.EluLinearMechanism;
import org.leapseq.models.modules.LeapformerMechanism;
import org.leapseq.models.modules.LinearMechanism.CausalForm;
import org.leapseq.models.modules.LinearMechanism;
import org.leapseq.models.modules.Masking;
import org.leapseq.models.modules.MultiheadAttention;
import org.leapseq.models.modules.ReluLinearMechanism;
import org.leapseq.models.modules.SoftmaxMechanism;
import org.leapseq.models.modules.TransformerDecoderLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Attention benchmarks: the attention core of each mechanism (q, k, v already projected) forward and
 * forward+backward per token and its peak native memory over sequence lengths, the decoding step of a full
 * attention module over decoded lengths, and a transformer layer's forward+backward throughput beside the 2-D gemm
 * it is built from.
 */
final class AttentionBench {
  /** The benchmark's sizes and cases. */
  record Options(List<String> mechanisms, List<Integer> lengths, List<Integer> decodeLengths, int batch, int heads,
      int headDim, int chunk, int repeats, double memoryLimitGb, int layerBatch, int layerLength, int layerDim,
      int layerFfn, int layerHeads) {}

  private AttentionBench() {}

  static void run(Report report, Options o) {
    for (String name : o.mechanisms()) {
      for (boolean causal : new boolean[] {true, false}) {
        for (int t : o.lengths()) {
          core(report, o, name, causal, t);
        }
      }
    }
    for (String name : o.mechanisms()) {
      for (int t : o.decodeLengths()) {
        decode(report, o, name, t);
      }
    }
    layer(report, o, "softmax");
    layer(report, o, "leapformer");
  }

  /** The mechanism factory for a benchmark name (chunked/quadratic LeaPformer are separate entries). */
  static AttentionMechanism.Factory factory(String name, int chunk) {
    return switch (name) {
      case "softmax" -> ctx -> new SoftmaxMechanism();
      case "leapformer" -> ctx -> new LeapformerMechanism(ctx,
          new LeapformerMechanism.Config(4, 0, 0.1, CausalForm.CHUNKED, chunk));
      case "leapformer_quadratic" -> ctx -> new LeapformerMechanism(ctx,
          new LeapformerMechanism.Config(4, 0, 0.1, CausalForm.QUADRATIC, chunk));
      case "cosformer" -> ctx -> new CosformerMechanism(
          new CosformerMechanism.Config(1 << 20, Double.NEGATIVE_INFINITY, CausalForm.CHUNKED, chunk));
      case "relu_linear" -> ctx -> new ReluLinearMechanism(
          new ReluLinearMechanism.Config(0.1, CausalForm.CHUNKED, chunk));
      case "elu_linear" -> ctx -> new EluLinearMechanism(
          new EluLinearMechanism.Config(Double.NEGATIVE_INFINITY, CausalForm.CHUNKED, chunk));
      default -> throw new LeapseqException("--mechanisms: unknown mechanism '" + name
          + "'; valid: softmax, leapformer, leapformer_quadratic, cosformer, relu_linear, elu_linear");
    };
  }

  /** Whether a mechanism/form materialises T x T scores. */
  private static boolean quadratic(String name, boolean causal) {
    return name.equals("softmax") || (causal && name.equals("leapformer_quadratic"));
  }

  private static void core(Report report, Options o, String name, boolean causal, int t) {
    Map<String, Object> r = report.row();
    r.put("section", "core");
    r.put("mechanism", name);
    r.put("causal", causal);
    r.put("T", t);
    int groups = o.batch() * o.heads();
    double estimateGb = quadratic(name, causal) ? 5.0 * groups * (double) t * t * 4 / 1e9 : 0;
    if (estimateGb > o.memoryLimitGb()) {
      r.put("skipped", String.format("T x T scores need ~%.0f GB > --memory-limit-gb %.0f", estimateGb,
          o.memoryLimitGb()));
      return;
    }
    Holder holder = new Holder();
    AttentionMechanism m = factory(name, o.chunk()).create(new AttentionMechanism.Context(o.heads(), o.headDim(),
        DataType.FLOAT, new Rng(1), holder::add));
    Nd4j.getRandom().setSeed(7);
    Tensor q = Tensor.param(Nd4j.randn(DataType.FLOAT, groups, t, o.headDim()).muli(0.5));
    Tensor k = Tensor.param(Nd4j.randn(DataType.FLOAT, groups, t, o.headDim()).muli(0.5));
    Tensor v = Tensor.param(Nd4j.randn(DataType.FLOAT, groups, t, o.headDim()));
    Masking masking = causal ? Masking.causalSelf() : Masking.NONE;
    long tokens = (long) o.batch() * t;
    int repeats = t >= 8192 ? Math.max(1, o.repeats() / 2) : o.repeats();
    Runnable fwd = () -> {
      try (NoGrad ignored = NoGrad.enter()) {
        m.attend(q, k, v, masking, AttentionDropout.NONE);
      }
    };
    Runnable fwdBwd = () -> {
      ReduceOps.sum(m.attend(q, k, v, masking, AttentionDropout.NONE)).backward();
      q.zeroGrad();
      k.zeroGrad();
      v.zeroGrad();
      holder.zeroGrad();
    };
    Measured f = measure(fwd, repeats);
    Measured fb = measure(fwdBwd, repeats);
    r.put("fwd_us_per_token", f.seconds() / tokens * 1e6);
    r.put("fwd_bwd_us_per_token", fb.seconds() / tokens * 1e6);
    r.put("fwd_peak_mib", f.peakBytes() / 1048576.0);
    r.put("fwd_bwd_peak_mib", fb.peakBytes() / 1048576.0);
  }

  private static void decode(Report report, Options o, String name, int t) {
    Map<String, Object> r = report.row();
    r.put("section", "decode");
    r.put("mechanism", name);
    r.put("t", t);
    int e = o.heads() * o.headDim();
    MultiheadAttention mha = new MultiheadAttention(MultiheadAttention.Config.of(e, o.heads(), 0),
        factory(name, o.chunk()), DataType.FLOAT, new Rng(3));
    mha.eval();
    AttentionState prefilled = prefill(mha, o.batch(), t);
    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.randn(DataType.FLOAT, 1, o.batch(), e);
    // the softmax cache grows in place by one per step: roll it back after each timed step so t stays put
    Measured m = measure(() -> {
      mha.step(prefilled, x);
      if (prefilled instanceof KvCache cache) {
        cache.truncate(t);
      }
    }, Math.max(5, o.repeats() * 3));
    r.put("step_ms", m.seconds() * 1e3);
  }

  /** A state that has seen t random steps (built directly: the benchmark times one step, not the prefill). */
  private static AttentionState prefill(MultiheadAttention mha, int batch, int t) {
    AttentionState s = mha.emptyState(batch, DataType.FLOAT);
    int groups = batch * mha.config().heads();
    int d = mha.config().embedDim() / mha.config().heads();
    Nd4j.getRandom().setSeed(5);
    if (s instanceof KvCache cache) {
      cache.append(Nd4j.randn(DataType.FLOAT, groups, t, d), Nd4j.randn(DataType.FLOAT, groups, t, d));
      return cache;
    }
    LinearMechanism.RecurrentState r = (LinearMechanism.RecurrentState) s;
    LinearAttentionState sums = r.sums();
    INDArray kv = Nd4j.rand(DataType.FLOAT, sums.kv().shape()).muli(t);
    INDArray z = Nd4j.rand(DataType.FLOAT, sums.z().shape()).muli(t);
    return new LinearMechanism.RecurrentState(new LinearAttentionState(kv, z, sums.heads()), t);
  }

  private static void layer(Report report, Options o, String name) {
    Map<String, Object> r = report.row();
    r.put("section", "layer");
    r.put("mechanism", name);
    int e = o.layerDim();
    int f = o.layerFfn();
    int t = o.layerLength();
    long n = (long) o.layerBatch() * t;
    r.put("T", t);
    r.put("shape", String.format("B=%d E=%d ffn=%d H=%d", o.layerBatch(), e, f, o.layerHeads()));
    TransformerDecoderLayer layer = new TransformerDecoderLayer(
        new TransformerDecoderLayer.Config(e, f, o.layerHeads(), 0.1, 0.0, 0.0, Activation.RELU, false),
        factory(name, o.chunk()), DataType.FLOAT, new Rng(2));
    layer.train();
    Nd4j.getRandom().setSeed(13);
    Tensor x = Tensor.constant(Nd4j.randn(DataType.FLOAT, t, o.layerBatch(), e));
    Measured m = measure(() -> {
      ReduceOps.sum(layer.forward(x, Masking.causalSelf())).backward();
      layer.zeroGrad();
    }, o.repeats());
    // dense FLOPs only (q, k, v, out projections and the two FFN matrices), forward + backward = 3x forward
    double flops = 3.0 * 2.0 * n * (4.0 * e * e + 2.0 * e * f);
    r.put("fwd_bwd_ms", m.seconds() * 1e3);
    r.put("tokens_per_s", n / m.seconds());
    r.put("dense_gflops", flops / m.seconds() / 1e9);
    double gemm = GemmBench.gflops((int) n, e, f, DataType.FLOAT, o.repeats());
    r.put("gemm_gflops", gemm);
    r.put("fraction_of_gemm", flops / m.seconds() / 1e9 / gemm);
    r.put("fwd_bwd_peak_mib", m.peakBytes() / 1048576.0);
  }

  /** Median seconds of {@code repeats} runs after one warm-up, and the peak native memory of one run. */
  record Measured(double seconds, long peakBytes) {}

  private static Measured measure(Runnable action, int repeats) {
    action.run();
    long peak;
    try (NativePeak p = NativePeak.start()) {
      action.run();
      peak = p.peakBytes();
    }
    Stopwatch.Timing timing = Stopwatch.time(action, 0, repeats);
    return new Measured(timing.medianSeconds(), peak);
  }

  /** Owns the parameters a mechanism registers (the LeaP MLPs) outside an attention module. */
  private static final class Holder extends Module {
    private final List<Module> owned = new ArrayList<>();

    void add(String name, Module m) {
      owned.add(child(name, m));
    }
  }
}
