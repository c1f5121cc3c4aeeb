// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.LeapseqException;
import org.leapseq.core.tensor.Activations;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * cosFormer: ReLU features re-weighted by the fixed proportion {@code p_i = i/N}, i = 1..N (LeaPformer with
 * positions instead of learned proportions). As in the LRA code, N is the query length and keys use the same N;
 * with {@code fixedLength > 0} N is that constant instead, which causal decoding needs (the cosFormer paper's M).
 */
public final class CosformerMechanism extends LinearMechanism {
  /**
   * @param fixedLength N for every sequence; 0 = the query length (LRA)
   * @param denominatorFloor {@code -Infinity} for the LRA's exact division
   * @param causalForm the causal training form without dropout
   * @param chunk the chunk size of the chunkwise form
   */
  public record Config(int fixedLength, double denominatorFloor, CausalForm causalForm, int chunk) {
    /** The LRA form: N = query length, exact division. */
    public Config() {
      this(0, Double.NEGATIVE_INFINITY, CausalForm.CHUNKED, 128);
    }
  }

  private final int fixedLength;

  /** A mechanism from its config. */
  public CosformerMechanism(Config cfg) {
    super(cfg.denominatorFloor(), cfg.causalForm(), cfg.chunk());
    this.fixedLength = cfg.fixedLength();
  }

  @Override
  protected Tensor features(Side side, Tensor x, long offset, long length) {
    long n = fixedLength > 0 ? fixedLength : length;
    long t = x.size(1);
    if (offset + t > n) {
      throw new LeapseqException("cosFormer position " + (offset + t) + " exceeds its length N = " + n);
    }
    INDArray p = Nd4j.arange(offset + 1, offset + t + 1).castTo(x.dtype()).divi(n).reshape(1, t, 1);
    return LeapformerMechanism.reweight(Activations.relu(x), Tensor.constant(p));
  }

  @Override
  protected long decodeLength() {
    if (fixedLength <= 0) {
      throw new LeapseqException("cosFormer decoding needs a fixed length N (its proportion i/N depends on the whole"
          + " sequence); configure the cosformer attention with fixedLength > 0");
    }
    return fixedLength;
  }

  @Override
  protected int featureSize(int headDim) {
    return 2 * headDim;
  }
}
