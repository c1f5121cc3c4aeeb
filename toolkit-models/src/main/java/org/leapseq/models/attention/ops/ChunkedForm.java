// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Causal chunkwise form: inside a chunk of C positions the masked product {@code ((q_c k_c^T) ⊙ tril) va_c}, across
 * chunks the running state {@code KV = sum k^T va} (whose last column is the running key sum). Time O(T C F D),
 * memory O(T) plus one [F, D + 1] state per chunk, saved by the forward for the backward. The backward walks the
 * chunks in reverse, carrying the suffix sum of the state gradients {@code sum q_c^T g_c}.
 */
final class ChunkedForm implements NumeratorForm {
  private final int chunk;
  /** [G, chunks, F, D + 1]: the state each chunk starts from; set by {@link #forward}. */
  private INDArray states;

  ChunkedForm(int chunk) {
    this.chunk = chunk;
  }

  @Override
  public INDArray forward(INDArray q, INDArray k, INDArray va) {
    int t = (int) q.size(1);
    int chunks = (t + chunk - 1) / chunk;
    states = Nd4j.create(q.dataType(), q.size(0), chunks, k.size(2), va.size(2));
    INDArray out = Nd4j.create(q.dataType(), q.size(0), t, va.size(2));
    Triangles tri = new Triangles(chunk, t, q.dataType());
    for (int g = 0; g < q.size(0); g++) {
      INDArray kv = Nd4j.zeros(q.dataType(), k.size(2), va.size(2));     // [F, D+1]
      for (int c = 0; c < chunks; c++) {
        int s = c * chunk;
        int e = Math.min(t, s + chunk);
        INDArray qc = OpArrays.rows(q, g, s, e);
        INDArray kc = OpArrays.rows(k, g, s, e);
        INDArray vc = OpArrays.rows(va, g, s, e);
        INDArray a = Nd4j.gemm(qc, kc, false, true).muli(tri.of(e - s));  // [L, L]
        INDArray num = Nd4j.gemm(a, vc, false, false).addi(Nd4j.gemm(qc, kv, false, false));
        OpArrays.rows(out, g, s, e).assign(num);
        states.slice(g).slice(c).assign(kv);
        kv.addi(Nd4j.gemm(kc, vc, true, false));
      }
    }
    return out;
  }

  @Override
  public Grads backward(INDArray q, INDArray k, INDArray va, INDArray g) {
    int t = (int) q.size(1);
    int chunks = (int) states.size(1);
    INDArray gq = Nd4j.create(q.dataType(), q.shape());
    INDArray gk = Nd4j.create(k.dataType(), k.shape());
    INDArray gva = Nd4j.create(va.dataType(), va.shape());
    Triangles tri = new Triangles(chunk, t, q.dataType());
    for (int i = 0; i < q.size(0); i++) {
      INDArray suffix = Nd4j.zeros(q.dataType(), k.size(2), va.size(2));  // sum over later chunks of q_c^T g_c
      for (int c = chunks - 1; c >= 0; c--) {
        int s = c * chunk;
        int e = Math.min(t, s + chunk);
        INDArray m = tri.of(e - s);
        INDArray qc = OpArrays.rows(q, i, s, e);
        INDArray kc = OpArrays.rows(k, i, s, e);
        INDArray vc = OpArrays.rows(va, i, s, e);
        INDArray gc = OpArrays.rows(g, i, s, e);
        INDArray state = states.slice(i).slice(c);
        INDArray a = Nd4j.gemm(qc, kc, false, true).muli(m);
        INDArray ga = Nd4j.gemm(gc, vc, false, true).muli(m);
        OpArrays.rows(gq, i, s, e).assign(Nd4j.gemm(ga, kc, false, false).addi(Nd4j.gemm(gc, state, false, true)));
        OpArrays.rows(gk, i, s, e).assign(Nd4j.gemm(ga, qc, true, false).addi(Nd4j.gemm(vc, suffix, false, true)));
        OpArrays.rows(gva, i, s, e).assign(Nd4j.gemm(a, gc, true, false).addi(Nd4j.gemm(kc, suffix, false, false)));
        suffix.addi(Nd4j.gemm(qc, gc, true, false));
      }
    }
    return new Grads(gq, gk, gva);
  }

  /** The full-chunk lower triangle and, when T is not a multiple of C, the one for the last partial chunk. */
  private static final class Triangles {
    private final INDArray full;
    private final INDArray last;

    Triangles(int chunk, int t, DataType dtype) {
      int lastSize = t % chunk;
      full = OpArrays.lowerTriangle(Math.min(chunk, t), dtype);
      last = lastSize == 0 || t < chunk ? full : OpArrays.lowerTriangle(lastSize, dtype);
    }

    INDArray of(int size) {
      return size == full.size(0) ? full : last;
    }
  }
}
