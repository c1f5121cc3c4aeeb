// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention;

import org.leapseq.core.Require;
import org.leapseq.core.tensor.LinalgOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Linear attention on non-negative feature maps: {@code out_i = sum_j (q_i.k_j) v_j / den(sum_j q_i.k_j)}, in its
 * non-causal, causal masked-quadratic, causal chunkwise-parallel and recurrent forms (all the same numbers). q and
 * k are already feature-mapped ({@code [G, N, F]}); LeaPformer, cosFormer, ReLU- and ELU-linear attention differ
 * only in the feature map.
 */
public final class LinearAttention {
  private final Denominator denominator;

  /** Linear attention normalised by the given denominator rule. */
  public LinearAttention(Denominator denominator) {
    this.denominator = denominator;
  }

  /** One recurrent step's output out: [G, D] and the state after absorbing the step's key. */
  public record Step(INDArray out, LinearAttentionState state) {}

  /** q: [G, N, F], k: [G, S, F], v: [G, S, D] -> [G, N, D], every query sees every key. */
  public INDArray nonCausal(INDArray q, INDArray k, INDArray v) {
    return Groups.map(Groups.count(q), g -> {
      INDArray kg = Groups.at(k, g);
      INDArray kv = kg.transpose().mmul(Groups.at(v, g));
      INDArray z = kg.sum(0).reshape(kg.size(1), 1);
      INDArray qg = Groups.at(q, g);
      return denominator.divide(qg.mmul(kv), qg.mmul(z));
    });
  }

  /** q: [G, T, F], k: [G, T, F], v: [G, T, D] -> [G, T, D], query i sees keys j <= i; O(T^2) scores. */
  public INDArray causalQuadratic(INDArray q, INDArray k, INDArray v) {
    Require.that(q.size(1) == k.size(1), "causal attention needs T == S, got %d and %d", q.size(1), k.size(1));
    INDArray tril = lowerTriangle((int) q.size(1), q);
    return Groups.map(Groups.count(q), g -> {
      INDArray a = Groups.at(q, g).mmul(Groups.at(k, g).transpose()).muli(tril);
      return denominator.divide(a.mmul(Groups.at(v, g)), a.sum(1).reshape(a.size(0), 1));
    });
  }

  /**
   * Chunkwise-parallel causal form: quadratic inside each chunk of {@code chunk} positions, running sums across
   * chunks. q: [G, T, F], k: [G, T, F], v: [G, T, D] -> [G, T, D]; T need not be a multiple of chunk.
   */
  public INDArray causalChunked(INDArray q, INDArray k, INDArray v, int chunk) {
    Require.that(chunk > 0, "chunk size must be positive, got %d", chunk);
    Require.that(q.size(1) == k.size(1), "causal attention needs T == S, got %d and %d", q.size(1), k.size(1));
    return Groups.map(Groups.count(q), g -> chunkedGroup(Groups.at(q, g), Groups.at(k, g), Groups.at(v, g), chunk));
  }

  /** A block's outputs [G, T, D] and the state after it. */
  public record Block(INDArray out, LinearAttentionState state) {}

  /**
   * The chunkwise causal form continuing a state: q: [G, T, F], k: [G, T, F], v: [G, T, D]; query i sees the keys
   * summed in {@code state} and the block's keys up to i. Returns the outputs and the state after the block (the
   * input state is not modified).
   */
  public Block extend(LinearAttentionState state, INDArray q, INDArray k, INDArray v, int chunk) {
    Require.that(chunk > 0, "chunk size must be positive, got %d", chunk);
    Require.that(q.size(1) == k.size(1), "causal attention needs T == S, got %d and %d", q.size(1), k.size(1));
    long g = q.size(0);
    int t = (int) q.size(1);
    long f = q.size(2);
    long d = v.size(2);
    INDArray kv = state.kv().dup('c');
    INDArray z = state.z().dup('c').reshape(g, f, 1);
    INDArray out = t <= chunk ? null : Nd4j.create(v.dataType(), g, t, d);
    INDArray last = null;
    for (int start = 0; start < t; start += chunk) {
      int end = Math.min(t, start + chunk);
      INDArray qc = block(q, start, end, t);
      INDArray kc = block(k, start, end, t);
      INDArray vc = block(v, start, end, t);
      INDArray num = LinalgOps.groupGemm(qc, false, kv, false);                 // [G, n, D]
      INDArray den = LinalgOps.groupGemm(qc, false, z, false);                  // [G, n, 1]
      if (end - start > 1) {
        INDArray a = LinalgOps.groupGemm(qc, false, kc, true);                  // [G, n, n]
        a.muli(lowerTriangle(end - start, q).reshape(1, end - start, end - start));
        num.addi(LinalgOps.groupGemm(a, false, vc, false));
        den.addi(a.sum(true, 2));
      } else {
        INDArray qk = qc.mul(kc).sum(true, 2);                                 // [G, 1, 1]
        num.addi(vc.mul(qk.broadcast(vc.shape())));
        den.addi(qk);
      }
      INDArray floored = Double.isInfinite(denominator.floor()) ? den : Transforms.max(den, denominator.floor(), false);
      INDArray o = num.divi(floored.broadcast(num.shape()));
      kv.addi(LinalgOps.groupGemm(kc, true, vc, false));
      z.addi(kc.sum(true, 1).reshape(g, f, 1));
      if (out == null) {
        last = o;
      } else {
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(o);
      }
    }
    return new Block(out == null ? last : out, new LinearAttentionState(kv, z.reshape(g, f), state.heads()));
  }

  /** x[:, start:end, :] as a contiguous array (x itself when it is the whole of it). */
  private static INDArray block(INDArray x, int start, int end, int t) {
    if (start == 0 && end == t) {
      return x;
    }
    return x.get(NDArrayIndex.all(), NDArrayIndex.interval(start, end), NDArrayIndex.all()).dup('c');
  }

  /** q: [T, F], k: [T, F], v: [T, D] -> [T, D] for one group. */
  private INDArray chunkedGroup(INDArray q, INDArray k, INDArray v, int chunk) {
    return chunkedGroup(q, k, v, chunk, Nd4j.zeros(v.dataType(), k.size(1), v.size(1)),
        Nd4j.zeros(v.dataType(), k.size(1), 1));
  }

  /**
   * One group from running sums kv: [F, D] and z: [F, 1], which are updated in place (views into a state being
   * built, or fresh zeros).
   */
  private INDArray chunkedGroup(INDArray q, INDArray k, INDArray v, int chunk, INDArray kv, INDArray z) {
    int t = (int) q.size(0);
    INDArray out = Nd4j.zeros(v.dataType(), t, v.size(1));
    for (int start = 0; start < t; start += chunk) {
      int end = Math.min(t, start + chunk);
      INDArray qc = rows(q, start, end);
      INDArray kc = rows(k, start, end);
      INDArray vc = rows(v, start, end);
      INDArray a = qc.mmul(kc.transpose()).muli(lowerTriangle(end - start, q));
      INDArray num = a.mmul(vc).addi(qc.mmul(kv));
      INDArray den = a.sum(1).reshape(end - start, 1).addi(qc.mmul(z));
      out.put(new INDArrayIndex[] {NDArrayIndex.interval(start, end), NDArrayIndex.all()},
          denominator.divide(num, den));
      kv.addi(kc.transpose().mmul(vc));
      z.addi(kc.sum(0).reshape(kc.size(1), 1));
    }
    return out;
  }

  /**
   * One recurrent step: absorbs key k: [G, F] / value v: [G, D] into the state, then reads out query q: [G, F].
   * Returns out: [G, D] and the new state (the input state is not modified).
   */
  public Step step(LinearAttentionState state, INDArray q, INDArray k, INDArray v) {
    LinearAttentionState next = absorb(state, k.reshape(k.size(0), 1, k.size(1)), v.reshape(v.size(0), 1, v.size(1)));
    INDArray out = readout(next, q.reshape(q.size(0), 1, q.size(1)));
    return new Step(out.reshape(out.size(0), out.size(2)), next);
  }

  /** Adds keys k: [G, S, F] with values v: [G, S, D] to the running sums; returns the new state. */
  public LinearAttentionState absorb(LinearAttentionState state, INDArray k, INDArray v) {
    INDArray kv = state.kv().add(Groups.map(Groups.count(k), g -> Groups.at(k, g).transpose().mmul(Groups.at(v, g))));
    INDArray z = state.z().add(k.sum(1));
    return new LinearAttentionState(kv, z, state.heads());
  }

  /** Reads queries q: [G, N, F] against the keys summed in state -> [G, N, D]. */
  public INDArray readout(LinearAttentionState state, INDArray q) {
    return Groups.map(Groups.count(q), g -> {
      INDArray qg = Groups.at(q, g);
      INDArray z = state.z().getRow(g).reshape(state.z().size(1), 1);
      return denominator.divide(qg.mmul(Groups.at(state.kv(), g)), qg.mmul(z));
    });
  }

  /** q: [G, N, F], k: [G, S, F] -> the denominators actually used (after the floor), [G, N]. */
  public INDArray denominators(INDArray q, INDArray k, Causality causality) {
    boolean causal = causality == Causality.CAUSAL;
    return Groups.map(Groups.count(q), g -> {
      INDArray a = Groups.at(q, g).mmul(Groups.at(k, g).transpose());
      if (causal) {
        a.muli(lowerTriangle((int) a.size(0), q));
      }
      return denominator.floored(a.sum(1).reshape(a.size(0), 1)).reshape(a.size(0));
    });
  }

  private static INDArray rows(INDArray x, int start, int end) {
    return x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
  }

  /** [T, T] with 1 on and below the diagonal, 0 above, in the dtype of like. */
  static INDArray lowerTriangle(int t, INDArray like) {
    double[][] m = new double[t][t];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j <= i; j++) {
        m[i][j] = 1.0;
      }
    }
    return Nd4j.createFromArray(m).castTo(like.dataType());
  }
}
