// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * fairseq's {@code adam} ({@code FairseqAdam} over {@code fairseq.optim.adam.Adam}, the AdamW variant). Per
 * parameter with gradient g, at step t (counted per parameter from 1):
 *
 * <pre>
 *   m = b1*m + (1-b1)*g;   v = b2*v + ((1-b2)*g)*g
 *   denom = sqrt(v) + eps            (amsgrad: vmax = max(vmax, v); denom = sqrt(vmax) + eps)
 *   stepSize = lr * sqrt(1 - b2^t) / (1 - b1^t)
 *   p = p + (-wd*lr)*p               (decoupled weight decay, on the value before the Adam step; only if wd != 0)
 *   p = p + ((-stepSize)*m) / denom
 * </pre>
 *
 * in the parameter's data type, in the operation order of fairseq's foreach code. State: {@code <i>.exp_avg},
 * {@code <i>.exp_avg_sq}, {@code <i>.max_exp_avg_sq} (amsgrad) and the scalar {@code <i>.step}.
 */
public final class Adam implements Optimizer {
  static final String EXP_AVG = "exp_avg";
  static final String EXP_AVG_SQ = "exp_avg_sq";
  static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";
  static final String STEP = "step";

  private final AdamConfig cfg;
  private final double beta1;
  private final double beta2;
  private final List<Tensor> params;
  private final ParamBuffers buffers;
  private final long[] steps;

  public Adam(AdamConfig cfg, List<Tensor> params) {
    this.cfg = cfg;
    this.beta1 = cfg.betas().beta1();
    this.beta2 = cfg.betas().beta2();
    this.params = List.copyOf(params);
    this.buffers = new ParamBuffers("adam", this.params,
        cfg.amsgrad() ? Set.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ) : Set.of(EXP_AVG, EXP_AVG_SQ));
    this.steps = new long[this.params.size()];
  }

  /** The registry factory: {@code registry.register("adam", AdamConfig.class, Adam::factory)}. */
  public static Optimizer.Factory factory(AdamConfig cfg) {
    return params -> new Adam(cfg, params);
  }

  @Override
  public void step(double lr) {
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      if (p.hasGrad()) {
        update(i, p.value(), p.grad(), lr);
      }
    }
  }

  private void update(int i, INDArray w, INDArray g, double lr) {
    INDArray m = buffers.zerosIfAbsent(i, EXP_AVG);
    INDArray v = buffers.zerosIfAbsent(i, EXP_AVG_SQ);
    INDArray vmax = cfg.amsgrad() ? buffers.zerosIfAbsent(i, MAX_EXP_AVG_SQ) : null;
    long t = ++steps[i];
    double bias1 = 1 - Math.pow(beta1, t);
    double bias2 = 1 - Math.pow(beta2, t);
    double stepSize = lr * Math.sqrt(bias2) / bias1;
    var c = new AdamKernel.Coefs(beta1, beta2, cfg.adamEps(), -cfg.weightDecay() * lr, -stepSize);
    if (AdamKernel.supports(w, g, m, v, vmax)) {
      AdamKernel.update(w, g, m, v, vmax, c);
    } else {
      updateWithOps(w, g, m, v, vmax, c);
    }
  }

  /** The same update as ND4J ops, for arrays {@link AdamKernel} does not handle (views, other data types). */
  static void updateWithOps(INDArray w, INDArray g, INDArray m, INDArray v, INDArray vmax,
      AdamKernel.Coefs c) {
    m.muli(c.b1()).addi(g.mul(1 - c.b1()));
    v.muli(c.b2()).addi(g.mul(1 - c.b2()).muli(g));
    INDArray second = v;
    if (vmax != null) {
      vmax.assign(Transforms.max(vmax, v, true));
      second = vmax;
    }
    INDArray denom = Transforms.sqrt(second, true).addi(c.eps());
    if (c.decay() != 0) {
      w.addi(w.mul(c.decay()));
    }
    w.addi(m.mul(c.negStep()).divi(denom));
  }

  @Override
  public OptimizerState state() {
    Map<String, Double> scalars = new HashMap<>();
    for (int i = 0; i < steps.length; i++) {
      if (steps[i] > 0) {
        scalars.put(ParamBuffers.key(i, STEP), (double) steps[i]);
      }
    }
    return new OptimizerState(buffers.export(), scalars);
  }

  @Override
  public void loadState(OptimizerState state) {
    long[] next = new long[steps.length];
    for (Map.Entry<String, Double> e : state.scalars().entrySet()) {
      int i = ParamBuffers.parseIndex("adam", e.getKey(), Set.of(STEP), steps.length);
      next[i] = e.getValue().longValue();
    }
    buffers.load(state.tensors());
    System.arraycopy(next, 0, steps, 0, steps.length);
  }
}
