// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import java.util.Arrays;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Matrix products as 2-D gemms; {@link #linear} folds leading axes into rows so it never runs a batched matmul. */
public final class LinalgOps {
  /** Whether an operand enters the product as stored or transposed. */
  public enum Trans { N, T }

  private LinalgOps() {}

  /** a: [M, K], b: [K, N] -> [M, N]. */
  public static Tensor matmul(Tensor a, Tensor b) {
    return matmul(a, Trans.N, b, Trans.N);
  }

  /** op(a): [M, K], op(b): [K, N] -> [M, N], where op transposes when the flag is {@link Trans#T}. */
  public static Tensor matmul(Tensor a, Trans ta, Tensor b, Trans tb) {
    Require.that(a.rank() == 2 && b.rank() == 2, "matmul needs 2-D operands, got rank %d and %d", a.rank(), b.rank());
    boolean ah = ta == Trans.T;
    boolean bh = tb == Trans.T;
    Tensor.Slot as = a.slot();
    Tensor.Slot bs = b.slot();
    // each operand is kept only when the other one needs a gradient
    INDArray av = a.value();
    INDArray bv = b.value();
    INDArray keepA = bs.requiresGrad() ? av : null;
    INDArray keepB = as.requiresGrad() ? bv : null;
    return Tensor.record(Gemm.product(av, ah, bv, bh), g -> {
      if (as.requiresGrad()) {
        // dA = G op(B)^T, or its transpose when A entered transposed
        as.addFreshGrad(ah ? Gemm.product(keepB, bh, g, true) : Gemm.product(g, false, keepB, !bh));
      }
      if (bs.requiresGrad()) {
        bs.addFreshGrad(bh ? Gemm.product(g, true, keepA, ah) : Gemm.product(keepA, !ah, g, false));
      }
    }, a, b);
  }

  /**
   * Batched product over a leading group axis: op(a): [G, M, K], op(b): [G, K, N] -> [G, M, N], op transposing
   * the last two axes.
   */
  public static Tensor bmm(Tensor a, Trans ta, Tensor b, Trans tb) {
    Require.that(a.rank() == 3 && b.rank() == 3 && a.size(0) == b.size(0),
        "bmm needs [G, M, K] and [G, K, N] operands, got %s and %s", Arrays.toString(a.shape()),
        Arrays.toString(b.shape()));
    boolean ah = ta == Trans.T;
    boolean bh = tb == Trans.T;
    Tensor.Slot as = a.slot();
    Tensor.Slot bs = b.slot();
    INDArray av = contiguous(a.value());
    INDArray bv = contiguous(b.value());
    INDArray keepA = bs.requiresGrad() ? av : null;
    INDArray keepB = as.requiresGrad() ? bv : null;
    return Tensor.record(groupGemm(av, ah, bv, bh), g -> {
      INDArray gc = contiguous(g);
      if (as.requiresGrad()) {
        as.addFreshGrad(ah ? groupGemm(keepB, bh, gc, true) : groupGemm(gc, false, keepB, !bh));
      }
      if (bs.requiresGrad()) {
        bs.addFreshGrad(bh ? groupGemm(gc, true, keepA, ah) : groupGemm(keepA, !ah, gc, false));
      }
    }, a, b);
  }

  /** Per-group {@code op(a[g]) op(b[g])} -> a fresh [G, M, N] array (one BLAS gemm per group, see Gemm). */
  public static INDArray groupGemm(INDArray a, boolean ta, INDArray b, boolean tb) {
    return Gemm.product(a, ta, b, tb);
  }

  private static INDArray contiguous(INDArray x) {
    return x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
  }

  /** x: [.., I], weight: [O, I] -> [.., O] = x W^T (no bias). */
  public static Tensor linear(Tensor x, Tensor weight) {
    return linearImpl(x, weight, null);
  }

  /** x: [.., I], weight: [O, I], bias: [O] -> [.., O] = x W^T + b (PyTorch weight layout). */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    return linearImpl(x, weight, bias);
  }

  private static Tensor linearImpl(Tensor x, Tensor weight, Tensor bias) {
    long in = weight.size(1);
    long out = weight.size(0);
    Require.that(weight.rank() == 2 && x.size(-1) == in, "linear: x %s does not match weight %s",
        Arrays.toString(x.shape()), Arrays.toString(weight.shape()));
    long[] xShape = x.shape();
    long[] yShape = xShape.clone();
    yShape[yShape.length - 1] = out;
    INDArray x2 = x.value().reshape(x.value().length() / in, in);
    INDArray w = weight.value();
    INDArray y2 = Gemm.product(x2, false, w, true);
    if (bias != null) {
      y2.addiRowVector(bias.value());
    }
    Tensor.Slot xs = x.slot();
    Tensor.Slot ws = weight.slot();
    Tensor.Slot bs = bias == null ? null : bias.slot();
    long[] biasShape = bias == null ? null : bias.shape();
    INDArray keepX = ws.requiresGrad() ? x2 : null;      // the input only for the weight's gradient
    Tensor.Backward bw = g -> {
      INDArray g2 = g.reshape(g.length() / out, out);
      if (xs.requiresGrad()) {
        xs.addFreshGrad(Gemm.product(g2, false, w, false).reshape(xShape));
      }
      if (ws.requiresGrad()) {
        accumulateGemm(ws, g2, keepX);
      }
      if (bs != null && bs.requiresGrad()) {
        bs.addFreshGrad(Shapes.columnSums(g2).reshape(biasShape));
      }
    };
    INDArray y = y2.reshape(yShape);
    return bias == null ? Tensor.record(y, bw, x, weight) : Tensor.record(y, bw, x, weight, bias);
  }

  /** weight.grad += g2^T x2 in place when a gradient exists; g2: [N, O], x2: [N, I]. */
  private static void accumulateGemm(Tensor.Slot weight, INDArray g2, INDArray x2) {
    if (weight.hasGrad()) {
      Gemm.into(g2, true, x2, false, weight.gradBuffer(), 1.0, 1.0);
    } else {
      weight.addFreshGrad(Gemm.product(g2, true, x2, false));
    }
  }
}
