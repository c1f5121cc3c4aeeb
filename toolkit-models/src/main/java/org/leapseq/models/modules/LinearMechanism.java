// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.Require;
import org.leapseq.core.tensor.LinalgOps.Trans;
import org.leapseq.core.tensor.LinalgOps;
import org.leapseq.core.tensor.MathOps;
import org.leapseq.core.tensor.NoGrad;
import org.leapseq.core.tensor.ReduceOps;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.attention.AttentionState;
import org.leapseq.models.attention.Denominator;
import org.leapseq.models.attention.KeyPadding;
import org.leapseq.models.attention.LinearAttention;
import org.leapseq.models.attention.LinearAttentionState;
import org.leapseq.models.attention.ops.AttentionDropout;
import org.leapseq.models.attention.ops.LinearAttentionOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kernelised attention {@code out_i = sum_j (phi(q_i).phi(k_j)) v_j / norm(sum_j phi(q_i).phi(k_j))}: subclasses
 * give the feature map phi, this class the normalisation and the forms. Without attention dropout, causal training
 * runs chunkwise (O(T) memory) and bidirectional attention in the linear form; with dropout it runs the reference's
 * quadratic form, because the reference drops the unnormalised scores of the numerator only, which the linear form
 * cannot express. Decoding keeps running sums, so a step costs O(F*D) whatever t is.
 */
public abstract class LinearMechanism implements AttentionMechanism {
  /** The causal training form used without dropout. */
  public enum CausalForm { CHUNKED, QUADRATIC }

  /** Which side of the product a feature map is applied to. */
  protected enum Side { QUERY, KEY }

  private final Denominator denominator;
  private final CausalForm causalForm;
  private final int chunk;

  /**
   * @param floor the denominator floor (fairseq LeaPformer: 0.1); {@code Double.NEGATIVE_INFINITY} divides exactly
   * @param causalForm the causal training form
   * @param chunk the chunk size of the chunkwise form
   */
  protected LinearMechanism(double floor, CausalForm causalForm, int chunk) {
    Require.that(chunk > 0, "attention chunk size must be positive, got %d", chunk);
    this.denominator = Denominator.clampMin(floor);
    this.causalForm = causalForm;
    this.chunk = chunk;
  }

  /** The denominator floor ({@code Double.NEGATIVE_INFINITY}: exact division). */
  public double denominatorFloor() {
    return denominator.floor();
  }

  /**
   * The feature map: x: [G, T, D] holding positions {@code offset .. offset+T-1} of a sequence of {@code length}
   * positions -> phi(x): [G, T, F].
   */
  protected abstract Tensor features(Side side, Tensor x, long offset, long length);

  /** F for head size D. */
  protected abstract int featureSize(int headDim);

  /** The sequence length position-dependent maps see in a causal decode (only cosFormer needs one). */
  protected long decodeLength() {
    return 0;
  }

  @Override
  public Tensor attend(Tensor q, Tensor k, Tensor v, Masking masking, AttentionDropout dropout) {
    Require.that(masking.additive() == null,
        "linear attention cannot apply an arbitrary attn_mask; it supports causal masking and key padding only");
    long t = q.size(1);
    Tensor qf = features(Side.QUERY, q, 0, t);
    Tensor kf = zeroPadded(features(Side.KEY, k, 0, t), masking.padding());
    if (masking.causal()) {
      Require.that(t == k.size(1), "causal attention needs as many keys (%d) as queries (%d)", k.size(1), t);
    }
    if (dropout.isActive()) {
      return quadraticWithDropout(qf, kf, v, masking.causal(), dropout);
    }
    LinearAttentionOp op = new LinearAttentionOp(denominator);
    if (!masking.causal()) {
      return op.nonCausal(qf, kf, v);
    }
    return causalForm == CausalForm.CHUNKED ? op.causalChunked(qf, kf, v, chunk) : op.causalQuadratic(qf, kf, v);
  }

  /** The reference's training path: {@code Dropout(A) v / norm(rowsum(A))} with A the (masked) score matrix. */
  private Tensor quadraticWithDropout(Tensor qf, Tensor kf, Tensor v, boolean causal, AttentionDropout dropout) {
    Tensor a = LinalgOps.bmm(qf, Trans.N, kf, Trans.T);
    if (causal) {
      a = a.mul(Tensor.constant(lowerTriangle((int) a.size(1), a.dtype())));
    }
    Tensor den = ReduceOps.sum(a, ReduceOps.Dims.KEEP, 2);
    if (!Double.isInfinite(denominator.floor())) {
      den = MathOps.clampMin(den, denominator.floor());
    }
    return LinalgOps.bmm(dropout.apply(a), Trans.N, v, Trans.N).div(den);
  }

  @Override
  public AttentionState emptyState(DataType type, int batch, int heads, int headDim) {
    return new RecurrentState(
        LinearAttentionState.empty(type, batch, heads, featureSize(headDim), headDim), 0);
  }

  @Override
  public Decoded step(AttentionState state, INDArray q, INDArray k, INDArray v) {
    RecurrentState s = (RecurrentState) state;
    long length = decodeLength();
    try (NoGrad ignored = NoGrad.enter()) {
      INDArray fq = rows(features(Side.QUERY, group(q), s.steps(), length));
      INDArray fk = rows(features(Side.KEY, group(k), s.steps(), length));
      LinearAttention.Step out = new LinearAttention(denominator).step(s.sums(), fq, fk, v);
      return new Decoded(out.out(), new RecurrentState(out.state(), s.steps() + 1));
    }
  }

  @Override
  public Decoded extend(AttentionState state, INDArray q, INDArray k, INDArray v) {
    RecurrentState s = (RecurrentState) state;
    long length = decodeLength();
    try (NoGrad ignored = NoGrad.enter()) {
      INDArray fq = features(Side.QUERY, Tensor.constant(q), s.steps(), length).value();
      INDArray fk = features(Side.KEY, Tensor.constant(k), s.steps(), length).value();
      LinearAttention.Block out = new LinearAttention(denominator).extend(s.sums(), fq, fk, v, chunk);
      return new Decoded(out.out(), new RecurrentState(out.state(), s.steps() + q.size(1)));
    }
  }

  @Override
  public AttentionState memory(INDArray k, INDArray v, KeyPadding padding, int heads) {
    try (NoGrad ignored = NoGrad.enter()) {
      INDArray fk = zeroPadded(features(Side.KEY, Tensor.constant(k), 0, k.size(1)), padding).value();
      LinearAttentionState empty = LinearAttentionState.empty(
          k.dataType(), (int) k.size(0) / heads, heads, (int) fk.size(2), (int) v.size(2));
      return new LinearAttention(denominator).absorb(empty, fk, v);
    }
  }

  @Override
  public INDArray read(AttentionState memory, INDArray q) {
    try (NoGrad ignored = NoGrad.enter()) {
      INDArray fq = features(Side.QUERY, Tensor.constant(q), 0, q.size(1)).value();
      return new LinearAttention(denominator).readout((LinearAttentionState) memory, fq);
    }
  }

  /** The decoding state: running sums and the number of steps taken. */
  public record RecurrentState(LinearAttentionState sums, long steps) implements AttentionState {
    @Override
    public int batch() {
      return sums.batch();
    }

    @Override
    public AttentionState reorder(int[] order) {
      return new RecurrentState(sums.reorder(order), steps);
    }
  }

  /** x: [G, S, F] with the rows of padded keys set to 0. */
  static Tensor zeroPadded(Tensor x, KeyPadding padding) {
    INDArray valid = padding.groupMask(x.size(0), x.dtype());
    return valid == null ? x : x.mul(Tensor.constant(valid.reshape(valid.size(0), valid.size(1), 1)));
  }

  /** [1, T, T] with ones on and below the diagonal (built directly: Nd4j.tri is wrong for some shapes). */
  static INDArray lowerTriangle(int t, DataType type) {
    double[] m = new double[t * t];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j <= i; j++) {
        m[i * t + j] = 1.0;
      }
    }
    return Nd4j.create(m, new long[] {1, t, t}, type);
  }

  private static Tensor group(INDArray x) {
    return Tensor.constant(x.reshape(x.size(0), 1, x.size(1)));
  }

  private static INDArray rows(Tensor x) {
    INDArray v = x.value();
    return v.reshape(v.size(0), v.size(2));
  }
}
