// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.decode;

import java.util.Map;
import java.util.Optional;
import org.leapseq.core.Require;
import org.leapseq.core.tensor.NnOps;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.AttentionState;
import org.leapseq.models.attention.KvCache;
import org.leapseq.models.lm.DecoderState;
import org.leapseq.models.lm.TransformerDecoder;
import org.leapseq.models.lm.TransformerLanguageModel;
import org.leapseq.models.lm.TransformerLmConfig;
import org.leapseq.models.modules.Activation;
import org.leapseq.models.modules.AttentionMechanism;
import org.leapseq.models.modules.EluLinearMechanism;
import org.leapseq.models.modules.LeapformerMechanism;
import org.leapseq.models.modules.LinearMechanism;
import org.leapseq.models.modules.ReluLinearMechanism;
import org.leapseq.models.modules.SoftmaxMechanism;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One decoding step of a float32 {@link TransformerLanguageModel} for B rows at once (each row one new token),
 * fused into a dozen loops: embedding + positions, per layer one q/k/v product ({@code [3E, E]}), the attention
 * update and read-out per head (LeaPformer's LeaP MLPs, re-weighting, running sums and normaliser in one pass over
 * the head; ReLU/ELU linear attention; softmax over a key/value cache), {@code out_proj}, the feed-forward block and
 * the layer norms, then the output projection and the log-softmax over V. The numbers are those of
 * {@link TransformerDecoder#extend} followed by the output layer, up to float32 rounding (summation order differs).
 *
 * <p>Supported: plain token embeddings, sinusoidal or learned positions, pre- or post-norm, {@code
 * layernorm_embedding}, relu/gelu/tanh/linear activations, tied or own output projection, and LeaPformer, ReLU- and
 * ELU-linear and softmax self-attention. Anything else (adaptive input or softmax, {@code project_in_dim}/{@code
 * project_out_dim}, cosFormer, float64) is reported by {@link #unsupported} and decodes through ND4J instead. An
 * instance keeps scratch buffers and is not thread-safe.
 */
public final class FusedDecoder {
  private enum Kind { LEAPFORMER, RELU, ELU, SOFTMAX }

  private static final float HALF_PI = (float) (Math.PI / 2);

  private final Kernels kernels;
  private final boolean bf16;
  private final WorkerPool pool = WorkerPool.shared();
  private final int layerCount;
  private final int e;
  private final int heads;
  private final int d;
  private final int f;
  private final int ffn;
  private final int vocab;
  private final int paddingIdx;
  private final Kind kind;
  private final float floor;
  private final boolean preNorm;
  private final Activation activation;
  private final float embedScale;
  private final float qScale;
  private final float[] embed;
  private final Packed output;
  private final float[] learnedPositions;
  private final int positionRows;
  private final double[] freq;
  private final float[] lnEmbW;
  private final float[] lnEmbB;
  private final float[] finalW;
  private final float[] finalB;
  private final Layer[] layers;
  private Scratch scratch;

  private record Leap(float[] w1, float[] b1, int hidden, float[] w2, float[] b2) {}

  private record Layer(Packed qkvW, float[] qkvB, Packed outW, float[] outB, float[] ln1W, float[] ln1B,
      Packed fc1W, float[] fc1B, Packed fc2W, float[] fc2B, float[] ln2W, float[] ln2B, Leap qLeap, Leap kLeap) {}

  /** Why {@code model} cannot decode fused, or empty when it can. */
  public static Optional<String> unsupported(TransformerLanguageModel model) {
    TransformerLmConfig cfg = model.decoder().config();
    if (model.decoder().outputWeight().isEmpty() || cfg.hasAdaptiveSoftmax()) {
      return Optional.of("adaptive softmax");
    }
    if (model.decoder().outputWeight().get().dtype() != DataType.FLOAT) {
      return Optional.of("dtype " + model.decoder().outputWeight().get().dtype() + " (fused decoding is float32)");
    }
    if (cfg.adaptiveInput()) {
      return Optional.of("adaptive input");
    }
    if (cfg.decoderInputDim() != cfg.decoderEmbedDim() || cfg.decoderOutputDim() != cfg.decoderEmbedDim()) {
      return Optional.of("project_in_dim/project_out_dim");
    }
    for (var layer : model.decoder().layers()) {
      if (kindOf(layer.selfAttention().mechanism()) == null) {
        return Optional.of("attention " + layer.selfAttention().mechanism().getClass().getSimpleName());
      }
    }
    return Optional.empty();
  }

  /** The fused decoder of {@code model}, or empty when {@link #unsupported} names a reason. */
  public static Optional<FusedDecoder> of(TransformerLanguageModel model) {
    return of(model, Kernels.best());
  }

  /** The fused decoder of {@code model} on the given inner loops (tests run the scalar ones too). */
  static Optional<FusedDecoder> of(TransformerLanguageModel model, Kernels kernels) {
    return unsupported(model).isPresent() ? Optional.empty() : Optional.of(new FusedDecoder(model, kernels, false));
  }

  /**
   * The fused decoder of {@code model} with the weights of every product (q/k/v, out_proj, fc1, fc2, the output
   * projection) stored in bfloat16 and the arithmetic in float32: half the bytes each step streams, log-probabilities
   * within about 1% of float32's. Embeddings, biases, norms and LeaP MLPs stay float32.
   *
   * @throws org.leapseq.core.LeapseqException naming the reason when the model cannot decode fused or the JVM
   *     lacks {@code jdk.incubator.vector}
   */
  public static FusedDecoder bf16(TransformerLanguageModel model) {
    Optional<String> why = unsupported(model);
    Require.that(why.isEmpty(), "--bf16 needs fused decoding, which this model cannot use: %s",
        why.orElse(""));
    Require.that("vector".equals(Kernels.bestName()),
        "--bf16 needs fused decoding's SIMD loops: run java with --add-modules jdk.incubator.vector (the bin/ launchers"
            + " do)");
    return new FusedDecoder(model, Kernels.best(), true);
  }

  /**
   * The fused decoder callers should decode {@code model} with, or empty for the model's own ND4J path: empty when
   * {@link #unsupported} names a reason, when the JVM lacks {@code jdk.incubator.vector} (the scalar loops are slower
   * than ND4J on blocks), or when the system property {@code leapseq.decode.fused} is {@code false} (read on each
   * call, so a test can compare both paths).
   */
  public static Optional<FusedDecoder> ifEnabled(TransformerLanguageModel model) {
    boolean enabled = "vector".equals(Kernels.bestName())
        && !"false".equals(System.getProperty("leapseq.decode.fused"));
    return enabled ? of(model) : Optional.empty();
  }

  /** Which inner loops run: {@code vector} (jdk.incubator.vector) or {@code scalar}. */
  public static String kernelName() {
    return Kernels.bestName();
  }

  /** Threads taking part in each product (the caller included). */
  public static int threads() {
    return WorkerPool.shared().threads();
  }

  private static Kind kindOf(AttentionMechanism m) {
    if (m instanceof LeapformerMechanism) {
      return Kind.LEAPFORMER;
    } else if (m instanceof ReluLinearMechanism) {
      return Kind.RELU;
    } else if (m instanceof EluLinearMechanism) {
      return Kind.ELU;
    } else if (m instanceof SoftmaxMechanism) {
      return Kind.SOFTMAX;
    }
    return null;
  }

  private FusedDecoder(TransformerLanguageModel model, Kernels kernels, boolean bf16) {
    this.kernels = kernels;
    this.bf16 = bf16;
    TransformerDecoder decoder = model.decoder();
    TransformerLmConfig cfg = decoder.config();
    Map<String, Tensor> p = decoder.namedParameters();
    layerCount = cfg.decoderLayers();
    e = cfg.decoderEmbedDim();
    heads = cfg.decoderAttentionHeads();
    d = e / heads;
    ffn = cfg.decoderFfnEmbedDim();
    vocab = decoder.vocabSize();
    paddingIdx = decoder.paddingIdx();
    AttentionMechanism mechanism = decoder.layers().get(0).selfAttention().mechanism();
    kind = kindOf(mechanism);
    f = kind == Kind.LEAPFORMER ? 2 * d : d;
    floor = mechanism instanceof LinearMechanism lm ? (float) lm.denominatorFloor() : Float.NEGATIVE_INFINITY;
    preNorm = cfg.decoderNormalizeBefore();
    activation = cfg.activationFn();
    embedScale = (float) (cfg.noScaleEmbedding() ? 1.0 : Math.sqrt(e));
    qScale = decoder.layers().get(0).selfAttention().config().scaleQueries() ? (float) Math.pow(d, -0.5) : 1f;
    INDArray embedArray = p.get("embed_tokens.weight").value();
    embed = floats(embedArray);
    INDArray out = decoder.outputWeight().orElseThrow().value();
    output = pack(out == embedArray ? embed : floats(out), vocab, e);
    if (cfg.decoderLearnedPos()) {
      INDArray pos = p.get("embed_positions.weight").value();
      learnedPositions = floats(pos);
      positionRows = (int) pos.size(0);
      freq = null;
    } else {
      learnedPositions = null;
      positionRows = Integer.MAX_VALUE;
      int half = e / 2;
      double step = Math.log(10000) / (half - 1);
      freq = new double[half];
      for (int i = 0; i < half; i++) {
        freq[i] = Math.exp(i * -step);
      }
    }
    lnEmbW = optional(p, "layernorm_embedding.weight");
    lnEmbB = optional(p, "layernorm_embedding.bias");
    finalW = optional(p, "layer_norm.weight");
    finalB = optional(p, "layer_norm.bias");
    layers = new Layer[layerCount];
    for (int i = 0; i < layerCount; i++) {
      String at = "layers." + i + ".";
      Require.that(kindOf(decoder.layers().get(i).selfAttention().mechanism()) == kind,
          "layer %d uses a different attention mechanism from layer 0", i);
      float[] q = floats(p.get(at + "self_attn.q_proj.weight").value());
      float[] k = floats(p.get(at + "self_attn.k_proj.weight").value());
      float[] v = floats(p.get(at + "self_attn.v_proj.weight").value());
      float[] qb = floats(p.get(at + "self_attn.q_proj.bias").value());
      float[] kb = floats(p.get(at + "self_attn.k_proj.bias").value());
      float[] vb = floats(p.get(at + "self_attn.v_proj.bias").value());
      layers[i] = new Layer(pack(concat(q, k, v), 3 * e, e), concat(qb, kb, vb),
          pack(floats(p.get(at + "self_attn.out_proj.weight").value()), e, e),
          floats(p.get(at + "self_attn.out_proj.bias").value()),
          floats(p.get(at + "self_attn_layer_norm.weight").value()),
          floats(p.get(at + "self_attn_layer_norm.bias").value()),
          pack(floats(p.get(at + "fc1.weight").value()), ffn, e), floats(p.get(at + "fc1.bias").value()),
          pack(floats(p.get(at + "fc2.weight").value()), e, ffn), floats(p.get(at + "fc2.bias").value()),
          floats(p.get(at + "final_layer_norm.weight").value()), floats(p.get(at + "final_layer_norm.bias").value()),
          kind == Kind.LEAPFORMER ? leap(p, at + "self_attn.q_LeaP.") : null,
          kind == Kind.LEAPFORMER ? leap(p, at + "self_attn.k_LeaP.") : null);
    }
  }

  private static Leap leap(Map<String, Tensor> p, String prefix) {
    float[] w1 = floats(p.get(prefix + "0.weight").value());
    float[] b1 = floats(p.get(prefix + "0.bias").value());
    Tensor second = p.get(prefix + "2.weight");
    if (second == null) {
      return new Leap(w1, b1, 1, null, null);
    }
    return new Leap(w1, b1, b1.length, floats(second.value()), floats(p.get(prefix + "2.bias").value()));
  }

  private static float[] optional(Map<String, Tensor> p, String name) {
    Tensor t = p.get(name);
    return t == null ? null : floats(t.value());
  }

  private Packed pack(float[] w, int out, int in) {
    return bf16 ? kernels.packBf16(w, out, in) : kernels.pack(w, out, in);
  }

  private static float[] floats(INDArray a) {
    return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
  }

  private static float[] concat(float[]... parts) {
    int n = 0;
    for (float[] part : parts) {
      n += part.length;
    }
    float[] out = new float[n];
    int o = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, out, o, part.length);
      o += part.length;
    }
    return out;
  }

  /**
   * The decoding state of B rows: per layer either running sums {@code kv [B*H, F, D]} and {@code z [B*H, F]}
   * (linear attention) or a key/value cache {@code [B*H, capacity, D]} (softmax), and the positions consumed.
   * {@link #step} advances it in place; {@link #reorder} returns a new one.
   */
  public final class State {
    private final int batch;
    private long steps;
    private final float[][] kv;
    private final float[][] z;
    private int capacity;
    private final float[][] keys;
    private final float[][] values;

    private State(int batch, long steps, int capacity) {
      this.batch = batch;
      this.steps = steps;
      int g = batch * heads;
      if (kind == Kind.SOFTMAX) {
        kv = null;
        z = null;
        this.capacity = capacity;
        keys = new float[layerCount][g * capacity * d];
        values = new float[layerCount][g * capacity * d];
      } else {
        kv = new float[layerCount][g * f * d];
        z = new float[layerCount][g * f];
        keys = null;
        values = null;
      }
    }

    /** B. */
    public int batch() {
      return batch;
    }

    /** Positions consumed so far. */
    public long steps() {
      return steps;
    }

    /** A state whose row i is this state's row {@code order[i]} (this one unchanged). */
    public State reorder(int[] order) {
      for (int o : order) {
        Require.that(o >= 0 && o < batch, "reorder index %d out of [0, %d)", o, batch);
      }
      State next = new State(order.length, steps, capacity);
      int used = (int) steps;
      for (int l = 0; l < layerCount; l++) {
        for (int i = 0; i < order.length; i++) {
          for (int h = 0; h < heads; h++) {
            int from = order[i] * heads + h;
            int to = i * heads + h;
            if (kind == Kind.SOFTMAX) {
              System.arraycopy(keys[l], from * capacity * d, next.keys[l], to * capacity * d, used * d);
              System.arraycopy(values[l], from * capacity * d, next.values[l], to * capacity * d, used * d);
            } else {
              System.arraycopy(kv[l], from * f * d, next.kv[l], to * f * d, f * d);
              System.arraycopy(z[l], from * f, next.z[l], to * f, f);
            }
          }
        }
      }
      return next;
    }

    private void ensureCapacity(int need) {
      if (need <= capacity) {
        return;
      }
      int cap = Math.max(need, 2 * capacity);
      int g = batch * heads;
      for (int l = 0; l < layerCount; l++) {
        float[] k = new float[g * cap * d];
        float[] v = new float[g * cap * d];
        for (int i = 0; i < g; i++) {
          System.arraycopy(keys[l], i * capacity * d, k, i * cap * d, (int) steps * d);
          System.arraycopy(values[l], i * capacity * d, v, i * cap * d, (int) steps * d);
        }
        keys[l] = k;
        values[l] = v;
      }
      capacity = cap;
    }
  }

  /** The state before the first token, for {@code batch} rows. */
  public State emptyState(int batch) {
    Require.that(batch > 0, "batch must be positive, got %d", batch);
    return new State(batch, 0, 16);
  }

  /** The fused copy of a {@link DecoderState} built by the model's own (ND4J) decoding, e.g. after a prompt block. */
  public State state(DecoderState s) {
    int batch = s.batch();
    int g = batch * heads;
    State out = new State(batch, s.steps(), Math.max(16, Integer.highestOneBit((int) s.steps() + 1) * 2));
    for (int l = 0; l < layerCount; l++) {
      AttentionState a = s.layer(l);
      if (kind == Kind.SOFTMAX) {
        KvCache cache = (KvCache) a;
        Require.that(cache.length() == s.steps(), "layer %d caches %d steps, the state says %d", l, cache.length(),
            s.steps());
        float[] k = cache.length() == 0 ? new float[0] : floats(cache.keys());
        float[] v = cache.length() == 0 ? new float[0] : floats(cache.values());
        int t = cache.length();
        for (int i = 0; i < g; i++) {
          System.arraycopy(k, i * t * d, out.keys[l], i * out.capacity * d, t * d);
          System.arraycopy(v, i * t * d, out.values[l], i * out.capacity * d, t * d);
        }
      } else {
        LinearMechanism.RecurrentState r = (LinearMechanism.RecurrentState) a;
        float[] kv = floats(r.sums().kv());
        float[] z = floats(r.sums().z());
        Require.that(kv.length == g * f * d && z.length == g * f, "layer %d state does not fit %d rows", l, batch);
        System.arraycopy(kv, 0, out.kv[l], 0, kv.length);
        System.arraycopy(z, 0, out.z[l], 0, z.length);
      }
    }
    return out;
  }

  /** Working arrays for one batch size. */
  private final class Scratch {
    final int batch;
    final float[] x;
    final float[] h;
    final float[] qkv;
    final float[] attn;
    final float[] o;
    final float[] u;
    float[] logits;

    Scratch(int batch) {
      this.batch = batch;
      x = new float[batch * e];
      h = new float[batch * e];
      qkv = new float[batch * 3 * e];
      attn = new float[batch * e];
      o = new float[batch * e];
      u = new float[batch * ffn];
    }
  }

  /**
   * Feeds one token per row (no pads) at position {@code state.steps()}, advances the state in place and returns
   * each row's next-token log-probabilities, the decoder output divided by {@code temperature} before the output
   * projection as fairseq does: [B][V].
   */
  public double[][] step(State state, int[] tokens, double temperature) {
    return extend(state, tokens, 1, temperature);
  }

  /**
   * Feeds a block of {@code width} tokens per row ({@code [B, width]} row-major, no pads) continuing the state:
   * the products run once over all B x width positions (each weight fetched once for the block), attention walks
   * each row's positions in order. Returns the log-probabilities after every position, row-major as the tokens:
   * {@code [B * width][V]}.
   */
  public double[][] extend(State state, int[] tokens, int width, double temperature) {
    Scratch s = forward(state, tokens, width, temperature);
    int b = tokens.length;
    if (s.logits == null) {
      s.logits = new float[b * vocab];
    }
    matmul(output, null, s.x, b, s.logits);
    double[][] rows = new double[b][vocab];
    pool.forRange(b, 1, 1, (lo, hi) -> {
      for (int r = lo; r < hi; r++) {
        logSoftmax(kernels, s.logits, r * vocab, rows[r]);
      }
    });
    return rows;
  }

  /**
   * {@link #extend} for scoring: returns only {@code log p(targets[i])} (natural log) after each fed position i,
   * row-major as the tokens, without materialising the [V] rows.
   */
  public double[] score(State state, int[] tokens, int width, int[] targets) {
    int[] all = new int[tokens.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return score(state, tokens, width, all, targets);
  }

  /**
   * {@link #extend} for scoring selected positions: {@code log p(targets[i])} after the fed position
   * {@code positions[i]} (an index into tokens, ascending). The output layer runs over chunks of 256 positions, so
   * memory does not grow with V times the block.
   */
  public double[] score(State state, int[] tokens, int width, int[] positions, int[] targets) {
    Require.that(targets.length == positions.length, "%d targets for %d positions", targets.length,
        positions.length);
    for (int i = 0; i < positions.length; i++) {
      Require.that(targets[i] >= 0 && targets[i] < vocab, "target id %d outside the vocabulary [0, %d)", targets[i],
          vocab);
      Require.that(positions[i] >= 0 && positions[i] < tokens.length && (i == 0 || positions[i] > positions[i - 1]),
          "positions must ascend within [0, %d)", tokens.length);
    }
    Scratch s = forward(state, tokens, width, 1.0);
    int chunk = 256;
    float[] x = new float[chunk * e];
    float[] logits = new float[chunk * vocab];
    double[] out = new double[positions.length];
    int next = 0;
    for (int r0 = 0; r0 < tokens.length && next < positions.length; r0 += chunk) {
      int n = Math.min(chunk, tokens.length - r0);
      int first = next;
      while (next < positions.length && positions[next] < r0 + n) {
        next++;
      }
      if (first == next) {
        continue;
      }
      System.arraycopy(s.x, r0 * e, x, 0, n * e);
      matmul(output, null, x, n, logits);
      int base = r0;
      int from = first;
      pool.forRange(next - first, 16, 1, (lo, hi) -> {
        for (int i = from + lo; i < from + hi; i++) {
          int o = (positions[i] - base) * vocab;
          out[i] = logits[o + targets[i]] - logSumExp(kernels, logits, o, vocab);
        }
      });
    }
    return out;
  }

  /** The layers over a block: leaves the output features (divided by temperature) in the scratch's x. */
  private Scratch forward(State state, int[] tokens, int width, double temperature) {
    Require.that(width > 0 && tokens.length % width == 0, "%d tokens are not rows of width %d", tokens.length,
        width);
    int b = tokens.length;
    Require.that(b / width == state.batch, "decoding state holds %d rows, got %d", state.batch, b / width);
    Require.that(paddingIdx + state.steps + width < positionRows, "position %d exceeds --max-target-positions %d of "
        + "the learned position embeddings", state.steps + width, positionRows - paddingIdx - 1);
    if (scratch == null || scratch.batch != b) {
      scratch = new Scratch(b);
    }
    Scratch s = scratch;
    embed(tokens, width, paddingIdx + 1 + state.steps, s.x);
    if (lnEmbW != null) {
      layerNorm(s.x, s.x, b, lnEmbW, lnEmbB);
    }
    if (kind == Kind.SOFTMAX) {
      state.ensureCapacity((int) state.steps + width);
    }
    for (int l = 0; l < layerCount; l++) {
      Layer layer = layers[l];
      float[] in = s.x;
      if (preNorm) {
        layerNorm(s.x, s.h, b, layer.ln1W, layer.ln1B);
        in = s.h;
      }
      matmul(layer.qkvW, layer.qkvB, in, b, s.qkv);
      if (qScale != 1f) {
        for (int r = 0; r < b; r++) {
          for (int i = 0; i < e; i++) {
            s.qkv[r * 3 * e + i] *= qScale;
          }
        }
      }
      attend(state, l, s.qkv, s.attn, width);
      matmul(layer.outW, layer.outB, s.attn, b, s.o);
      add(s.x, s.o);
      if (!preNorm) {
        layerNorm(s.x, s.x, b, layer.ln1W, layer.ln1B);
      }
      in = s.x;
      if (preNorm) {
        layerNorm(s.x, s.h, b, layer.ln2W, layer.ln2B);
        in = s.h;
      }
      matmul(layer.fc1W, layer.fc1B, in, b, s.u);
      activate(s.u);
      matmul(layer.fc2W, layer.fc2B, s.u, b, s.o);
      add(s.x, s.o);
      if (!preNorm) {
        layerNorm(s.x, s.x, b, layer.ln2W, layer.ln2B);
      }
    }
    if (finalW != null) {
      layerNorm(s.x, s.x, b, finalW, finalB);
    }
    if (temperature != 1.0) {
      float t = (float) temperature;
      for (int i = 0; i < s.x.length; i++) {
        s.x[i] /= t;
      }
    }
    state.steps += width;
    return s;
  }

  /** x = scale * embed(token) + position(first + column), rows of width tokens. */
  private void embed(int[] tokens, int width, long first, float[] x) {
    float[] pos = new float[width * e];
    for (int c = 0; c < width; c++) {
      long position = first + c;
      if (learnedPositions != null) {
        System.arraycopy(learnedPositions, (int) position * e, pos, c * e, e);
      } else {
        int half = e / 2;
        for (int i = 0; i < half; i++) {
          double a = position * freq[i];
          pos[c * e + i] = (float) Math.sin(a);
          pos[c * e + half + i] = (float) Math.cos(a);
        }
      }
    }
    for (int r = 0; r < tokens.length; r++) {
      int t = tokens[r];
      Require.that(t >= 0 && t < vocab && t != paddingIdx, "token id %d is a pad or outside the vocabulary [0, %d)",
          t, vocab);
      int c = r % width;
      for (int i = 0; i < e; i++) {
        x[r * e + i] = embed[t * e + i] * embedScale + pos[c * e + i];
      }
    }
  }

  private void matmul(Packed w, float[] bias, float[] x, int batch, float[] y) {
    pool.forRange(w.panels(), Math.max(1, w.panels() / (8 * pool.threads())), 1,
        (lo, hi) -> kernels.matmul(w, bias, x, batch, y, lo, hi));
  }

  private static void add(float[] x, float[] y) {
    for (int i = 0; i < x.length; i++) {
      x[i] += y[i];
    }
  }

  private void layerNorm(float[] x, float[] y, int rows, float[] w, float[] bias) {
    for (int r = 0; r < rows; r++) {
      int o = r * e;
      double sum = 0;
      for (int i = 0; i < e; i++) {
        sum += x[o + i];
      }
      double mean = sum / e;
      double sq = 0;
      for (int i = 0; i < e; i++) {
        double c = x[o + i] - mean;
        sq += c * c;
      }
      float inv = (float) (1 / Math.sqrt(sq / e + NnOps.LAYER_NORM_EPS));
      float m = (float) mean;
      for (int i = 0; i < e; i++) {
        y[o + i] = (x[o + i] - m) * inv * w[i] + bias[i];
      }
    }
  }

  private void activate(float[] u) {
    switch (activation) {
      case RELU -> {
        for (int i = 0; i < u.length; i++) {
          u[i] = Math.max(u[i], 0f);
        }
      }
      case GELU -> {
        for (int i = 0; i < u.length; i++) {
          double v = u[i];
          u[i] = (float) (0.5 * v * (1 + erf(v / Math.sqrt(2))));
        }
      }
      case TANH -> {
        for (int i = 0; i < u.length; i++) {
          u[i] = (float) Math.tanh(u[i]);
        }
      }
      case LINEAR -> { }
      default -> throw new IllegalStateException(activation.toString());
    }
  }

  /** erf to ~1.2e-7 (Numerical Recipes' erfc Chebyshev fit), ample for float32 gelu. */
  static double erf(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277)))))))));
    return x >= 0 ? 1 - erfc : erfc - 1;
  }

  /**
   * Self-attention of layer l for every (row, head) group of the state, walking the group's {@code width} block
   * positions in order; q/k/v from qkv [B * width, 3E] into out [B * width, E].
   */
  private void attend(State state, int l, float[] qkv, float[] out, int width) {
    Layer layer = layers[l];
    int t0 = (int) state.steps;
    pool.forRange(state.batch * heads, Math.max(1, state.batch * heads / (4 * pool.threads())), 1, (lo, hi) -> {
      float[] phiQ = new float[f];
      float[] phiK = new float[f];
      float[] acc = new float[kind == Kind.SOFTMAX ? t0 + width : d];
      for (int g = lo; g < hi; g++) {
        for (int c = 0; c < width; c++) {
          int row = (g / heads) * width + c;
          int qo = row * 3 * e + (g % heads) * d;
          int ko = qo + e;
          int vo = qo + 2 * e;
          int oo = row * e + (g % heads) * d;
          if (kind == Kind.SOFTMAX) {
            softmaxHead(state, l, g, t0 + c, qkv, qo, ko, vo, acc, out, oo);
          } else {
            features(qkv, qo, phiQ, layer.qLeap);
            features(qkv, ko, phiK, layer.kLeap);
            linearHead(state.kv[l], state.z[l], g, qkv, vo, phiQ, phiK, acc, out, oo);
          }
        }
      }
    });
  }

  /** phi(x) of one head: LeaPformer's re-weighted ReLU features, ReLU, or ELU + 1. */
  private void features(float[] qkv, int o, float[] phi, Leap leap) {
    switch (kind) {
      case LEAPFORMER -> {
        for (int j = 0; j < d; j++) {
          phi[j] = Math.max(qkv[o + j], 0f);
        }
        float p = proportion(phi, leap);
        float angle = p * HALF_PI;
        float sin = (float) Math.sin(angle);
        float cos = (float) Math.cos(angle);
        for (int j = 0; j < d; j++) {
          float v = phi[j];
          phi[j] = v * sin;
          phi[d + j] = v * cos;
        }
      }
      case RELU -> {
        for (int j = 0; j < d; j++) {
          phi[j] = Math.max(qkv[o + j], 0f);
        }
      }
      case ELU -> {
        for (int j = 0; j < d; j++) {
          float v = qkv[o + j];
          phi[j] = (v > 0 ? v : (float) Math.expm1(v)) + 1f;
        }
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  /** The LeaP MLP on ReLU features x[0..D): sigmoid(W2 relu(W1 x + b1) + b2), or sigmoid(w1 x + b1). */
  private float proportion(float[] x, Leap leap) {
    float logit;
    if (leap.w2() == null) {
      logit = kernels.dot(leap.w1(), 0, x, 0, d) + leap.b1()[0];
    } else {
      logit = leap.b2()[0];
      for (int j = 0; j < leap.hidden(); j++) {
        float hj = Math.max(kernels.dot(leap.w1(), j * d, x, 0, d) + leap.b1()[j], 0f);
        logit += leap.w2()[j] * hj;
      }
    }
    return (float) (1 / (1 + Math.exp(-logit)));
  }

  /** Absorbs (phiK, v) into group g's running sums, then reads phiQ against them. */
  private void linearHead(float[] kv, float[] z, int g, float[] qkv, int vo, float[] phiQ, float[] phiK, float[] num,
      float[] out, int oo) {
    float den = kernels.absorbAndRead(kv, g * f * d, z, g * f, phiK, phiQ, f, qkv, vo, d, num);
    float use = Math.max(den, floor);
    for (int j = 0; j < d; j++) {
      out[oo + j] = num[j] / use;
    }
  }

  /** Appends (k, v) at position t of group g's cache, then softmax(q . keys) . values over positions 0..t. */
  private void softmaxHead(State state, int l, int g, int t, float[] qkv, int qo, int ko, int vo, float[] scores,
      float[] out, int oo) {
    float[] keys = state.keys[l];
    float[] values = state.values[l];
    int base = g * state.capacity * d;
    System.arraycopy(qkv, ko, keys, base + t * d, d);
    System.arraycopy(qkv, vo, values, base + t * d, d);
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j <= t; j++) {
      scores[j] = kernels.dot(qkv, qo, keys, base + j * d, d);
      max = Math.max(max, scores[j]);
    }
    float sum = 0f;
    for (int j = 0; j <= t; j++) {
      scores[j] = (float) Math.exp(scores[j] - max);
      sum += scores[j];
    }
    java.util.Arrays.fill(out, oo, oo + d, 0f);
    for (int j = 0; j <= t; j++) {
      kernels.axpy(scores[j] / sum, values, base + j * d, out, oo, d);
    }
  }

  /** log sum_i exp(logits[o + i]) for i in [0, n), shifted by the row's maximum. */
  private static double logSumExp(Kernels kernels, float[] logits, int o, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, logits[o + i]);
    }
    return max + Math.log(kernels.sumExp(logits, o, n, max));
  }

  private static void logSoftmax(Kernels kernels, float[] logits, int o, double[] row) {
    int n = row.length;
    double lse = logSumExp(kernels, logits, o, n);
    for (int i = 0; i < n; i++) {
      row[i] = logits[o + i] - lse;
    }
  }
}
