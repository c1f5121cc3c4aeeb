// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.attention.ops;

import org.leapseq.core.tensor.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Causal chunkwise form: inside a chunk of C positions the masked product {@code ((q_c k_c^T) ⊙ tril) va_c}, across
 * chunks the state {@code KV_c = sum_{c' < c} k_c'^T va_c'} (whose last column is the running key sum). Time
 * O(T C F D), memory O(T C + T F D / C). T is zero-padded to a multiple of C (padded rows come after every real
 * one, so they change nothing). All groups and chunks go through one batched matmul per product, as
 * {@code [G * chunks, C, .]} blocks; the exclusive prefix sums of the chunk states (and, in the backward, the
 * suffix sums of their gradients) are one 2-D gemm per group with a strict triangle, not a cumsum.
 */
final class ChunkedForm implements NumeratorForm {
  private final int chunk;
  private Saved saved;

  ChunkedForm(int chunk) {
    this.chunk = chunk;
  }

  /** What the forward keeps: padded blocks q3, k3, v3, masked intra-chunk scores a and chunk start states. */
  private record Saved(Blocks shape, INDArray q3, INDArray k3, INDArray v3, INDArray a, INDArray states) {}

  /** G groups, T real and padded positions, C per chunk, and the triangles for this C and chunk count. */
  private record Blocks(int groups, int t, int c, int chunks, INDArray tril, INDArray strictLower) {
    static Blocks of(INDArray q, int chunk) {
      int t = (int) q.size(1);
      int c = Math.min(chunk, t);
      int chunks = (t + c - 1) / c;
      INDArray strict = OpArrays.lowerTriangle(chunks, q.dataType()).subi(Nd4j.eye(chunks).castTo(q.dataType()));
      return new Blocks((int) q.size(0), t, c, chunks, OpArrays.lowerTriangle(c, q.dataType()), strict);
    }

    /** x: [G, T, X] -> [G * chunks, C, X] (zero rows appended when T is not a multiple of C). */
    INDArray blocks(INDArray x) {
      long width = x.size(2);
      INDArray padded = x;
      if (chunks * c != t) {
        padded = Nd4j.zeros(x.dataType(), groups, (long) chunks * c, width);
        padded.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t), NDArrayIndex.all()).assign(x);
      }
      return padded.reshape('c', (long) groups * chunks, c, width);
    }

    /** [G * chunks, C, X] -> [G, T, X] (the padded rows dropped). */
    INDArray unblock(INDArray x3) {
      INDArray full = x3.reshape('c', groups, (long) chunks * c, x3.size(2));
      return chunks * c == t ? full
          : full.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t), NDArrayIndex.all()).dup('c');
    }

    /** a: [G * chunks, C, C] -> a ⊙ tril in place. */
    INDArray masked(INDArray a) {
      INDArray ac = OpArrays.contiguous(a);
      ac.reshape('c', ac.size(0), (long) c * c).muliRowVector(tril.reshape('c', 1, (long) c * c));
      return ac;
    }

    /** per-chunk x: [G * chunks, F, E] -> per group {@code tri @ x} over the chunk axis, [G * chunks, F, E]. */
    INDArray acrossChunks(INDArray x, boolean transposeTriangle) {
      long width = x.size(1) * x.size(2);
      INDArray in = x.reshape('c', groups, chunks, width);
      INDArray out = Nd4j.create(x.dataType(), groups, chunks, width);
      for (int g = 0; g < groups; g++) {
        out.slice(g).assign(Nd4j.gemm(strictLower, in.slice(g), transposeTriangle, false));
      }
      return out.reshape('c', x.shape());
    }
  }

  @Override
  public INDArray forward(INDArray q, INDArray k, INDArray va) {
    Blocks b = Blocks.of(q, chunk);
    INDArray q3 = b.blocks(q);
    INDArray k3 = b.blocks(k);
    INDArray v3 = b.blocks(va);
    return Gemm.spreadGroups(work(q3), () -> {
      INDArray a = b.masked(Gemm.product(q3, false, k3, true));                   // [GC, C, C]
      INDArray states = b.acrossChunks(Gemm.product(k3, true, v3, false), false);  // [GC, F, D+1]
      INDArray num = Gemm.product(a, false, v3, false);                            // [GC, C, D+1]
      Gemm.into(q3, false, states, false, num, 1.0, 1.0);
      saved = new Saved(b, q3, k3, v3, a, states);
      return b.unblock(num);
    });
  }

  /** Multiply-adds of one [GC, C, F] x [GC, F, C] product: the scale of the op's work, for Gemm.spreadGroups. */
  private static double work(INDArray q3) {
    return (double) q3.length() * q3.size(1);
  }

  @Override
  public Grads backward(INDArray q, INDArray k, INDArray va, INDArray g) {
    Blocks b = saved.shape();
    INDArray g3 = b.blocks(g);
    INDArray q3 = saved.q3();
    INDArray k3 = saved.k3();
    INDArray v3 = saved.v3();
    return Gemm.spreadGroups(work(q3), () -> {
      INDArray ga = b.masked(Gemm.product(g3, false, v3, true));                   // [GC, C, C]
      // gradient of each chunk's start state, summed over the later chunks that read it
      INDArray suffix = b.acrossChunks(Gemm.product(q3, true, g3, false), true);   // [GC, F, D+1]
      INDArray gq = Gemm.product(ga, false, k3, false);
      Gemm.into(g3, false, saved.states(), true, gq, 1.0, 1.0);
      INDArray gk = Gemm.product(ga, true, q3, false);
      Gemm.into(v3, false, suffix, true, gk, 1.0, 1.0);
      INDArray gv = Gemm.product(saved.a(), true, g3, false);
      Gemm.into(k3, false, suffix, false, gv, 1.0, 1.0);
      return new Grads(b.unblock(gq), b.unblock(gk), b.unblock(gv));
    });
  }
}
