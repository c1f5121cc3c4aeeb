// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.random.RandomGenerator;
import org.leapseq.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Fused network ops over the last axis (softmax, log-softmax, layer norm) and inverted dropout. */
public final class NnOps {
  /** PyTorch's and fairseq's layer-norm epsilon. */
  public static final double LAYER_NORM_EPS = 1e-5;
  private static final int MASK_PART = 1 << 14;

  private NnOps() {}

  /** x: [.., V] -> [.., V], rows summing to 1. */
  public static Tensor softmax(Tensor x) {
    long v = x.size(-1);
    INDArray y2 = Transforms.exp(logSoftmaxRows(x.value().reshape(-1, v)), false);
    long[] shape = x.shape();
    Tensor.Slot xs = x.slot();
    return Tensor.record(y2.reshape(shape), g -> {
      INDArray g2 = g.reshape(-1, v);
      INDArray dot = g2.mul(y2).sum(1).reshape(-1, 1);
      xs.addFreshGrad(g2.subColumnVector(dot).muli(y2).reshape(shape));
    }, x);
  }

  /** x: [.., V] -> [.., V] = x - logsumexp(x) along the last axis. */
  public static Tensor logSoftmax(Tensor x) {
    long v = x.size(-1);
    INDArray y2 = logSoftmaxRows(x.value().reshape(-1, v));
    long[] shape = x.shape();
    Tensor.Slot xs = x.slot();
    return Tensor.record(y2.reshape(shape), g -> {
      INDArray g2 = g.reshape(-1, v);
      INDArray total = g2.sum(1).reshape(-1, 1);
      INDArray gx = Transforms.exp(y2, true).muliColumnVector(total).rsubi(g2);
      xs.addFreshGrad(gx.reshape(shape));
    }, x);
  }

  /** x: [N, V] -> a new [N, V] array of log-probabilities (max-shifted for stability). */
  static INDArray logSoftmaxRows(INDArray x) {
    INDArray shifted = x.subColumnVector(x.max(1).reshape(-1, 1));
    INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(-1, 1);
    return shifted.subiColumnVector(lse);
  }

  /** x: [.., C], weight: [C], bias: [C] -> [.., C], normalised over C with eps {@link #LAYER_NORM_EPS}. */
  public static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias) {
    return layerNorm(x, weight, bias, LAYER_NORM_EPS);
  }

  /** x: [.., C], weight: [C], bias: [C] -> [.., C] = (x - mean) / sqrt(var + eps) * weight + bias. */
  public static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, double eps) {
    long c = x.size(-1);
    Require.that(weight.value().length() == c && bias.value().length() == c,
        "layerNorm: weight/bias must have %d elements", c);
    INDArray x2 = x.value().reshape(-1, c);
    INDArray xhat = x2.subColumnVector(x2.mean(1).reshape(-1, 1));
    INDArray var = xhat.mul(xhat).mean(1).reshape(-1, 1);
    INDArray rstd = Transforms.pow(var.addi(eps), -0.5, false);
    xhat.muliColumnVector(rstd);
    INDArray w = weight.value().reshape(c);
    INDArray y2 = xhat.mulRowVector(w).addiRowVector(bias.value().reshape(c));
    long[] shape = x.shape();
    long[] weightShape = weight.shape();
    long[] biasShape = bias.shape();
    Tensor.Slot xs = x.slot();
    Tensor.Slot ws = weight.slot();
    Tensor.Slot bs = bias.slot();
    return Tensor.record(y2.reshape(shape), g -> {
      INDArray g2 = g.reshape(-1, c);
      if (bs.requiresGrad()) {
        bs.addFreshGrad(Shapes.columnSums(g2).reshape(biasShape));
      }
      if (ws.requiresGrad()) {
        ws.addFreshGrad(Shapes.columnSums(g2.mul(xhat)).reshape(weightShape));
      }
      if (xs.requiresGrad()) {
        // dx = rstd * (gh - mean(gh) - xhat * mean(gh * xhat)), gh = g * weight
        INDArray gh = g2.mulRowVector(w);
        INDArray proj = gh.mul(xhat).mean(1).reshape(-1, 1);
        INDArray gx = gh.subiColumnVector(gh.mean(1).reshape(-1, 1)).subi(xhat.mulColumnVector(proj));
        xs.addFreshGrad(gx.muliColumnVector(rstd).reshape(shape));
      }
    }, x, weight, bias);
  }

  /**
   * Inverted dropout: each element is zeroed with probability {@code p} and the rest scaled by 1 / (1 - p); the
   * mask comes from {@code rng}, so a fixed seed reproduces it. In {@link Phase#EVAL} or with p = 0 it returns x.
   */
  public static Tensor dropout(Tensor x, double p, Phase phase, RandomGenerator rng) {
    Require.that(p >= 0 && p < 1, "dropout probability %s not in [0, 1)", p);
    if (phase == Phase.EVAL || p == 0) {
      return x;
    }
    INDArray mask = dropoutMask(x.shape(), x.dtype(), p, rng);
    Tensor.Slot xs = x.slot();
    return Tensor.record(x.value().mul(mask), g -> xs.addFreshGrad(g.mul(mask)), x);
  }

  /**
   * A mask of {@code shape}: 0 where {@code rng.nextDouble() < p} (one draw per element in row-major order), else
   * 1 / (1 - p) cast to {@code type}. Float and double masks are written straight into the native buffer.
   */
  static INDArray dropoutMask(long[] shape, DataType type, double p, RandomGenerator rng) {
    double scale = 1.0 / (1.0 - p);
    INDArray mask = Nd4j.createUninitialized(type, shape);
    long n = mask.length();
    Require.that(n <= Integer.MAX_VALUE, "dropout on %d elements", n);
    // drawn into a small heap array and copied in bulk: element-wise puts into the direct buffer cost several
    // times the draws themselves
    if (type == DataType.FLOAT) {
      FloatBuffer b = mask.data().asNioFloat();
      float keep = (float) scale;
      float[] part = new float[(int) Math.min(n, MASK_PART)];
      for (int start = 0; start < n; start += part.length) {
        int len = (int) Math.min(part.length, n - start);
        for (int i = 0; i < len; i++) {
          part[i] = rng.nextDouble() < p ? 0f : keep;
        }
        b.put(start, part, 0, len);
      }
    } else if (type == DataType.DOUBLE) {
      DoubleBuffer b = mask.data().asNioDouble();
      double[] part = new double[(int) Math.min(n, MASK_PART)];
      for (int start = 0; start < n; start += part.length) {
        int len = (int) Math.min(part.length, n - start);
        for (int i = 0; i < len; i++) {
          part[i] = rng.nextDouble() < p ? 0.0 : scale;
        }
        b.put(start, part, 0, len);
      }
    } else {
      double[] keep = new double[(int) n];
      for (int i = 0; i < keep.length; i++) {
        keep[i] = rng.nextDouble() < p ? 0.0 : scale;
      }
      mask.assign(Nd4j.create(keep, shape, DataType.DOUBLE));
    }
    return mask;
  }
}
