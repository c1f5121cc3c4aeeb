// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.Require;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.AttentionState;
import org.leapseq.models.attention.KeyPadding;
import org.leapseq.models.attention.KvCache;
import org.leapseq.models.attention.ops.AdditiveMask;
import org.leapseq.models.attention.ops.AttentionDropout;
import org.leapseq.models.attention.ops.SoftmaxAttentionOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scaled dot-product attention, {@code softmax(q k^T + mask) v} with dropout on the probabilities (fairseq's
 * default); decoding keeps a {@link KvCache}, so a step costs O(t).
 */
public final class SoftmaxMechanism implements AttentionMechanism {
  /** softmax has no options. */
  public record Config() {}

  @Override
  public Tensor attend(Tensor q, Tensor k, Tensor v, Masking masking, AttentionDropout dropout) {
    AdditiveMask mask = AdditiveMask.NONE;
    if (masking.causal()) {
      Require.that(masking.additive() == null, "softmax attention takes a causal flag or an attn_mask, not both");
      Require.that(q.size(1) == k.size(1), "causal attention needs as many keys (%d) as queries (%d)", k.size(1),
          q.size(1));
      mask = AdditiveMask.causal((int) q.size(1));
    } else if (masking.additive() != null) {
      mask = AdditiveMask.of(masking.additive());
    }
    return SoftmaxAttentionOp.attend(q, k, v, mask, masking.padding(), dropout);
  }

  @Override
  public AttentionState emptyState(DataType type, int batch, int heads, int headDim) {
    return KvCache.empty(type, batch, heads, headDim);
  }

  @Override
  public Decoded step(AttentionState state, INDArray q, INDArray k, INDArray v) {
    KvCache cache = (KvCache) state;
    cache.append(k.reshape(k.size(0), 1, k.size(1)), v.reshape(v.size(0), 1, v.size(1)));
    return new Decoded(readRows(cache.keys(), cache.values(), null, q), cache);
  }

  @Override
  public Decoded extend(AttentionState state, INDArray q, INDArray k, INDArray v) {
    KvCache cache = (KvCache) state;
    int before = cache.length();
    int t = (int) q.size(1);
    if (t == 1) {   // one step: read the cache in place (no mask, no copy of the keys)
      Decoded d = step(state, q.reshape(q.size(0), q.size(2)), k.reshape(k.size(0), k.size(2)),
          v.reshape(v.size(0), v.size(2)));
      return new Decoded(d.out().reshape(q.size(0), 1, v.size(2)), d.state());
    }
    cache.append(k, v);
    double[] mask = new double[t * (before + t)];
    for (int i = 0; i < t; i++) {
      for (int j = before + i + 1; j < before + t; j++) {
        mask[i * (before + t) + j] = Double.NEGATIVE_INFINITY;
      }
    }
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor out = SoftmaxAttentionOp.attend(Tensor.constant(q), Tensor.constant(cache.keys()),
          Tensor.constant(cache.values()), AdditiveMask.of(Nd4j.create(mask, new long[] {t, before + t},
              DataType.DOUBLE)), KeyPadding.NONE, AttentionDropout.NONE);
      return new Decoded(out.value(), cache);
    }
  }

  @Override
  public AttentionState memory(INDArray k, INDArray v, KeyPadding padding, int heads) {
    KvCache cache = KvCache.empty(k.dataType(), (int) k.size(0) / heads, heads, (int) k.size(2));
    cache.append(k, v);
    return new Memory(cache, padding);
  }

  @Override
  public INDArray read(AttentionState memory, INDArray q) {
    Memory m = (Memory) memory;
    INDArray out = q.ulike();
    INDArray valid = m.padding().groupMask(q.size(0), q.dataType());
    for (int n = 0; n < q.size(1); n++) {
      INDArray qn = q.get(NDArrayIndex.all(), NDArrayIndex.point(n), NDArrayIndex.all());
      out.get(NDArrayIndex.all(), NDArrayIndex.point(n), NDArrayIndex.all())
          .assign(readRows(m.cache().keys(), m.cache().values(), valid, qn));
    }
    return out;
  }

  /** Encoder keys/values and their padding. */
  record Memory(KvCache cache, KeyPadding padding) implements AttentionState {
    @Override
    public int batch() {
      return cache.batch();
    }

    @Override
    public AttentionState reorder(int[] order) {
      return new Memory(cache.reorder(order), padding.select(order));
    }
  }

  /**
   * One query per group against cached keys: q: [G, D], keys/values [G, t, D], valid [G, t] or null -> [G, D].
   * Vectorised over groups (a handful of ops per step, not one gemm per head).
   */
  static INDArray readRows(INDArray keys, INDArray values, INDArray valid, INDArray q) {
    long groups = keys.size(0);
    long t = keys.size(1);
    INDArray scores = keys.mul(q.reshape(groups, 1, q.size(1))).sum(2);
    if (valid != null) {
      scores.addi(valid.rsub(1.0).muli(-1e30));
    }
    scores.subiColumnVector(scores.max(1).reshape(groups, 1));
    INDArray p = Transforms.exp(scores, false);
    if (valid != null) {
      p.muli(valid);
    }
    INDArray sum = p.sum(1).reshape(groups, 1);
    p.diviColumnVector(Transforms.max(sum, Double.MIN_NORMAL, false));
    return values.mul(p.reshape(groups, t, 1)).sum(1);
  }
}
