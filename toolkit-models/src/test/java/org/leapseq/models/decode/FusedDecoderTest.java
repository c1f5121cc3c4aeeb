// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.leapseq.core.nn.Rng;
import org.leapseq.data.dictionary.Dictionary;
import org.leapseq.models.BuiltIns;
import org.leapseq.models.generate.GenerationConfig;
import org.leapseq.models.generate.Hypothesis;
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
 * The fused float32 step against the model's own ND4J decoding: every log-probability of every row, after a prompt
 * block, across steps, beam reorders and a temperature, for each supported mechanism and layer variant. Sizes are
 * chosen off the SIMD lane count (E 40, D 10, ffn 52, V 61) so the scalar tails run too.
 */
class FusedDecoderTest {
  private static final int VOCAB = 61;

  private static TransformerLanguageModel model(String attention, Map<String, String> extra, DataType type) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("decoder_embed_dim", "40");
    a.put("decoder_ffn_embed_dim", "52");
    a.put("decoder_layers", "2");
    a.put("decoder_attention_heads", "4");
    a.put("max_target_positions", "64");
    a.put("attention", attention);
    a.put("leap_factor", "2");
    a.putAll(extra);
    TransformerLmConfig cfg = TransformerLmConfig.fromArgs(LmArchs.resolve("transformer_lm", a));
    TransformerLanguageModel m = TransformerLanguageModel.build(cfg, VOCAB, Dictionary.PAD,
        BuiltIns.registries().attentions(), type, new Rng(17));
    m.eval();
    return m;
  }

  private static int[] tokens(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = 4 + r.nextInt(VOCAB - 4);
    }
    return out;
  }

  /** Runs ND4J and fused side by side for 7 steps of 3 rows (a reorder after step 3); returns the max |diff|. */
  private static double compare(TransformerLanguageModel m, int prompt, double temperature) {
    return compare(m, prompt, temperature, Kernels.best());
  }

  private static double compare(TransformerLanguageModel m, int prompt, double temperature, Kernels kernels) {
    FusedDecoder fused = FusedDecoder.of(m, kernels).orElseThrow();
    int rows = 3;
    DecoderState state = m.emptyState(rows);
    if (prompt > 0) {
      state = m.extend(state, tokens(rows * prompt, 5), prompt).state();
    }
    FusedDecoder.State fs = fused.state(state);
    NextTokenScores scores = new NextTokenScores(m, temperature);
    double worst = 0;
    for (int step = 0; step < 7; step++) {
      int[] feed = tokens(rows, 100 + step);
      TransformerDecoder.Decoded d = m.extend(state, feed, 1);
      state = d.state();
      INDArray f = d.features().value();
      double[][] want = scores.rows(f.reshape(f.size(0), f.size(2)));
      double[][] got = fused.step(fs, feed, temperature);
      assertEquals(state.steps(), fs.steps());
      for (int r = 0; r < rows; r++) {
        for (int v = 0; v < VOCAB; v++) {
          worst = Math.max(worst, Math.abs(want[r][v] - got[r][v]));
        }
      }
      if (step == 3) {
        int[] order = {2, 0, 0};
        state = state.reorder(order);
        fs = fs.reorder(order);
      }
    }
    return worst;
  }

  @Test
  void everySupportedMechanismMatchesNd4jDecoding() {
    for (String attention : new String[] {"leapformer", "softmax", "relu_linear", "elu_linear"}) {
      TransformerLanguageModel m = model(attention, Map.of(), DataType.FLOAT);
      double diff = compare(m, 5, 1.0);
      assertTrue(diff < 5e-5, attention + ": fused and ND4J log-probabilities differ by " + diff);
      diff = compare(m, 0, 1.0);
      assertTrue(diff < 5e-5, attention + " from the empty state: differ by " + diff);
    }
  }

  @Test
  void layerVariantsMatchNd4jDecoding() {
    List<Map<String, String>> variants = List.of(
        Map.of("decoder_normalize_before", "true", "activation_fn", "gelu"),
        Map.of("decoder_learned_pos", "true", "layernorm_embedding", "true", "activation_fn", "tanh"),
        Map.of("share_decoder_input_output_embed", "true", "no_scale_embedding", "true"),
        Map.of("decoder_normalize_before", "true", "no_decoder_final_norm", "true"));
    for (Map<String, String> v : variants) {
      for (String attention : new String[] {"leapformer", "softmax"}) {
        double diff = compare(model(attention, v, DataType.FLOAT), 4, 0.7);
        assertTrue(diff < 5e-5, attention + " " + v + ": differ by " + diff);
      }
    }
  }

  @Test
  void blocksMatchNd4jBlocks() {
    for (String attention : new String[] {"leapformer", "softmax", "elu_linear"}) {
      TransformerLanguageModel m = model(attention, Map.of("decoder_normalize_before", "true"), DataType.FLOAT);
      FusedDecoder fused = FusedDecoder.of(m).orElseThrow();
      NextTokenScores scores = new NextTokenScores(m, 1.0);
      int rows = 2;
      DecoderState state = m.emptyState(rows);
      FusedDecoder.State fs = fused.emptyState(rows);
      double worst = 0;
      for (int width : new int[] {5, 1, 3}) {
        int[] block = tokens(rows * width, 40 + width);
        TransformerDecoder.Decoded d = m.extend(state, block, width);
        state = d.state();
        double[][] got = fused.extend(fs, block, width, 1.0);
        assertEquals(state.steps(), fs.steps());
        INDArray f = d.features().value();
        for (int t = 0; t < width; t++) {
          double[][] want = scores.rows(f.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
              org.nd4j.linalg.indexing.NDArrayIndex.point(t), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c'));
          for (int r = 0; r < rows; r++) {
            for (int v = 0; v < VOCAB; v++) {
              worst = Math.max(worst, Math.abs(want[r][v] - got[r * width + t][v]));
            }
          }
        }
      }
      assertTrue(worst < 5e-5, attention + ": blocks differ by " + worst);
    }
  }

  @Test
  void theScalarLoopsGiveTheSameNumbers() {
    for (String attention : new String[] {"leapformer", "softmax"}) {
      TransformerLanguageModel m = model(attention, Map.of("decoder_embed_dim", "128", "decoder_attention_heads", "2",
          "leap_factor", "4"), DataType.FLOAT);
      double diff = compare(m, 3, 1.0, new ScalarKernels());
      assertTrue(diff < 5e-5, attention + " on scalar loops: differ by " + diff);
    }
  }

  @Test
  void headsOfSixtyFourMatchNd4jDecoding() {
    for (String attention : new String[] {"leapformer", "relu_linear"}) {
      TransformerLanguageModel m = model(attention,
          Map.of("decoder_embed_dim", "128", "decoder_attention_heads", "2", "leap_factor", "4"), DataType.FLOAT);
      double diff = compare(m, 3, 1.0);
      assertTrue(diff < 5e-5, attention + " with 64-wide heads: differ by " + diff);
    }
  }

  @Test
  void bfloat16RoundsToNearestEven() {
    assertEquals(0x3F80, Packed.toBf16(1f));
    assertEquals(0xBF80, Packed.toBf16(-1f));
    assertEquals(0x3F80, Packed.toBf16(Float.intBitsToFloat(0x3F808000)));    // halfway, even below
    assertEquals(0x3F82, Packed.toBf16(Float.intBitsToFloat(0x3F818000)));    // halfway, even above
    assertEquals(0x3F81, Packed.toBf16(Float.intBitsToFloat(0x3F808001)));
    assertEquals(0x7F80, Packed.toBf16(Float.POSITIVE_INFINITY));
    assertTrue(Float.isNaN(Float.intBitsToFloat(Packed.toBf16(Float.NaN) << 16)));
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 10000; i++) {
      float f = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-6, 6)));
      float back = Float.intBitsToFloat(Packed.toBf16(f) << 16);
      assertTrue(Math.abs(back - f) <= Math.abs(f) / 256, f + " -> " + back);
    }
  }

  @Test
  void bf16WeightsStayCloseToFloat32() {
    for (String attention : new String[] {"leapformer", "softmax"}) {
      TransformerLanguageModel m = model(attention, Map.of("decoder_embed_dim", "128", "decoder_attention_heads", "2",
          "leap_factor", "4"), DataType.FLOAT);
      FusedDecoder full = FusedDecoder.of(m).orElseThrow();
      FusedDecoder half = FusedDecoder.bf16(m);
      FusedDecoder.State a = full.emptyState(2);
      FusedDecoder.State b = half.emptyState(2);
      double worst = 0;
      for (int step = 0; step < 6; step++) {
        int[] feed = tokens(2, 40 + step);
        double[][] x = full.step(a, feed, 1.0);
        double[][] y = half.step(b, feed, 1.0);
        for (int r = 0; r < 2; r++) {
          for (int v = 0; v < VOCAB; v++) {
            worst = Math.max(worst, Math.abs(x[r][v] - y[r][v]) / Math.max(1, Math.abs(x[r][v])));
          }
        }
      }
      assertTrue(worst > 0 && worst < 0.02, attention + ": bf16 log-probs differ from float32 by " + worst);
    }
    var e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> FusedDecoder.bf16(model("leapformer", Map.of(), DataType.DOUBLE)));
    assertTrue(e.getMessage().startsWith("--bf16") && e.getMessage().contains("float32"), e.getMessage());
  }

  @Test
  void unsupportedModelsSayWhy() {
    assertTrue(FusedDecoder.unsupported(model("leapformer", Map.of(), DataType.DOUBLE)).orElseThrow()
        .contains("float32"));
    assertTrue(FusedDecoder.unsupported(model("cosformer", Map.of(), DataType.FLOAT)).orElseThrow()
        .contains("Cosformer"));
    assertTrue(FusedDecoder.unsupported(model("leapformer", Map.of("adaptive_softmax_cutoff", "20,40"),
        DataType.FLOAT)).orElseThrow().contains("adaptive"));
    assertTrue(FusedDecoder.unsupported(model("leapformer", Map.of("decoder_output_dim", "24"), DataType.FLOAT))
        .orElseThrow().contains("project"));
  }

  @Test
  void stepRefusesPadsAndTooManyRows() {
    TransformerLanguageModel m = model("leapformer", Map.of(), DataType.FLOAT);
    FusedDecoder fused = FusedDecoder.of(m).orElseThrow();
    FusedDecoder.State s = fused.emptyState(2);
    var e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> fused.step(s, new int[] {5, Dictionary.PAD}, 1.0));
    assertTrue(e.getMessage().contains("pad"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> fused.step(s, new int[] {5, 6, 7}, 1.0));
    assertTrue(e.getMessage().contains("2 rows"), e.getMessage());
  }

  @Test
  void generationIsTheSameThroughEitherPath() {
    for (String attention : new String[] {"leapformer", "softmax"}) {
      TransformerLanguageModel m = model(attention, Map.of(), DataType.FLOAT);
      List<int[]> prompts = List.of(tokens(4, 1), tokens(6, 2), tokens(4, 3));
      GenerationConfig beam = new GenerationConfig(3, 2, 0, 12, 1, 1, 0, false, 0, false, -1, -1, 1, 7);
      List<List<Hypothesis>> fused = new SequenceGenerator(m, beam, Dictionary.EOS).generate(prompts);
      List<List<Hypothesis>> plain;
      System.setProperty("leapseq.decode.fused", "false");
      try {
        plain = new SequenceGenerator(m, beam, Dictionary.EOS).generate(prompts);
      } finally {
        System.clearProperty("leapseq.decode.fused");
      }
      for (int i = 0; i < prompts.size(); i++) {
        for (int h = 0; h < 2; h++) {
          Hypothesis a = fused.get(i).get(h);
          Hypothesis b = plain.get(i).get(h);
          assertArrayEquals(b.tokens(), a.tokens(), attention + " prompt " + i + " hypothesis " + h);
          assertEquals(b.score(), a.score(), 1e-4);
        }
      }
    }
  }

  @Test
  void kernelsAgreeWithPlainArithmeticAtOddSizes() {
    assertEquals(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "vector" : "scalar",
        FusedDecoder.kernelName(), "Surefire and the launchers add jdk.incubator.vector");
    SplittableRandom r = new SplittableRandom(3);
    for (Kernels k : new Kernels[] {Kernels.best(), new ScalarKernels()}) {
      for (int in : new int[] {1, 7, 16, 37, 64}) {
        for (int batch = 1; batch <= 9; batch++) {
          int out = 13 + 4 * k.panelWidth();
          float[] w = random(r, out * in);
          float[] x = random(r, batch * in);
          float[] bias = random(r, out);
          for (boolean bf16 : new boolean[] {false, true}) {
            float[] y = new float[batch * out];
            Packed packed = bf16 ? k.packBf16(w, out, in) : k.pack(w, out, in);
            k.matmul(packed, bias, x, batch, y, 0, packed.panels());
            for (int b = 0; b < batch; b++) {
              for (int o = 0; o < out; o++) {
                double want = bias[o];
                for (int i = 0; i < in; i++) {
                  float wi = bf16 ? Float.intBitsToFloat(Packed.toBf16(w[o * in + i]) << 16) : w[o * in + i];
                  want += (double) wi * x[b * in + i];
                }
                assertEquals(want, y[b * out + o], 1e-5, "in " + in + " batch " + batch + " bf16 " + bf16);
              }
            }
          }
        }
        float[] a = random(r, in + 3);
        float[] c = random(r, in + 5);
        double dot = 0;
        double sumExp = 0;
        for (int i = 0; i < in; i++) {
          dot += (double) a[3 + i] * c[5 + i];
          sumExp += Math.exp(a[3 + i] - 0.25);
        }
        assertEquals(dot, k.dot(a, 3, c, 5, in), 1e-5);
        assertEquals(sumExp, k.sumExp(a, 3, in, 0.25f), 1e-5 * sumExp);
        for (int d : new int[] {10, 64, 2 * Kernels.best().panelWidth()}) {
          int f = 2 * d;
          float[] kv = random(r, 3 + f * d);
          float[] z = random(r, 2 + f);
          float[] phiK = random(r, f);
          float[] phiQ = random(r, f);
          for (int i = 0; i < f; i += 3) {
            phiK[i] = 0f;
            phiQ[(i + 1) % f] = 0f;
          }
          phiQ[2] = 0f;
          phiK[2] = 0f;
          float[] v = random(r, 1 + d);
          double[] wantKv = new double[f * d];
          double[] wantNum = new double[d];
          double wantDen = 0;
          for (int i = 0; i < f; i++) {
            double zi = z[2 + i] + phiK[i];
            wantDen += phiQ[i] * zi;
            for (int j = 0; j < d; j++) {
              wantKv[i * d + j] = kv[3 + i * d + j] + (double) phiK[i] * v[1 + j];
              wantNum[j] += phiQ[i] * wantKv[i * d + j];
            }
          }
          float[] num = new float[d];
          float den = k.absorbAndRead(kv, 3, z, 2, phiK, phiQ, f, v, 1, d, num);
          assertEquals(wantDen, den, 1e-4 * (1 + Math.abs(wantDen)), "den, d " + d);
          for (int j = 0; j < d; j++) {
            assertEquals(wantNum[j], num[j], 1e-4 * (1 + Math.abs(wantNum[j])), "num, d " + d);
          }
          for (int i = 0; i < f * d; i++) {
            assertEquals(wantKv[i], kv[3 + i], 1e-5, "kv, d " + d);
          }
        }
        float[] y = c.clone();
        k.axpy(0.5f, a, 3, y, 5, in);
        for (int i = 0; i < in; i++) {
          assertEquals(c[5 + i] + 0.5f * a[3 + i], y[5 + i], 1e-6);
        }
      }
    }
  }

  @Test
  void theWorkerPoolCoversEveryItemOnceAndPassesFailuresOn() {
    WorkerPool pool = WorkerPool.shared();
    for (int n : new int[] {0, 1, 5, 64, 1000}) {
      int[] hits = new int[n];
      pool.forRange(n, 4, 4, (lo, hi) -> {
        for (int i = lo; i < hi; i++) {
          hits[i]++;
        }
      });
      for (int i = 0; i < n; i++) {
        assertEquals(1, hits[i]);
      }
    }
    int[] nestedHits = new int[64];
    pool.forRange(8, 1, 1, (lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        int row = i;
        pool.forRange(8, 1, 1, (a, b) -> {
          for (int j = a; j < b; j++) {
            nestedHits[row * 8 + j]++;
          }
        });
      }
    });
    for (int h : nestedHits) {
      assertEquals(1, h, "a nested share runs on the thread that asked");
    }
    List<String> seen = new ArrayList<>();
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> pool.forRange(100, 1, 1, (lo, hi) -> {
          throw new IllegalStateException("share " + lo);
        }));
    seen.add(e.getMessage());
    assertTrue(seen.get(0).startsWith("share "));
  }

  private static float[] random(SplittableRandom r, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return out;
  }
}
