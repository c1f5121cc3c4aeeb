// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * fairseq's {@code nag}: Nesterov momentum in the form of {@code fairseq.optim.nag.NAG}, which rescales the
 * momentum buffer when the learning rate changes. With c = lr / lr_old (lr_old: the rate of the previous step, or
 * {@code --lr[0]} before the first), per parameter with gradient g:
 *
 * <pre>
 *   p = p * (1 - lr*wd)              (only if wd != 0)
 *   p = p + (mu*mu*c) * buf
 *   p = p + (-(1+mu)*lr) * g
 *   buf = buf * (mu*c) + (-lr) * g
 * </pre>
 *
 * State: {@code <i>.momentum_buffer} and the scalar {@code lr_old}. A step after a step at rate 0 (fairseq divides by
 * it) is a {@link LeapseqException} pointing at {@code --warmup-init-lr}.
 */
public final class Nag implements Optimizer {
  static final String MOMENTUM_BUFFER = "momentum_buffer";
  static final String LR_OLD = "lr_old";

  private final NagConfig cfg;
  private final List<Tensor> params;
  private final ParamBuffers buffers;
  private double lrOld;

  public Nag(NagConfig cfg, List<Tensor> params) {
    this.cfg = cfg;
    this.params = List.copyOf(params);
    this.buffers = new ParamBuffers("nag", this.params, Set.of(MOMENTUM_BUFFER));
    this.lrOld = cfg.lr().get(0);
  }

  /** The registry factory: {@code registry.register("nag", NagConfig.class, Nag::factory)}. */
  public static Optimizer.Factory factory(NagConfig cfg) {
    return params -> new Nag(cfg, params);
  }

  @Override
  public void step(double lr) {
    if (lrOld == 0) {
      throw LeapseqException.of("nag: the previous update ran at learning rate 0, and NAG rescales its momentum by "
          + "lr/lr_old (fairseq divides by zero here); start the warmup above 0 with --warmup-init-lr");
    }
    double correct = lr / lrOld;
    double mu = cfg.momentum();
    double wd = cfg.weightDecay();
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      if (!p.hasGrad()) {
        continue;
      }
      INDArray w = p.value();
      INDArray g = p.grad();
      INDArray buf = buffers.zerosIfAbsent(i, MOMENTUM_BUFFER);
      if (wd != 0) {
        w.muli(1 - lr * wd);
      }
      w.addi(buf.mul(mu * mu * correct));
      w.addi(g.mul(-(1 + mu) * lr));
      buf.muli(mu * correct).addi(g.mul(-lr));
    }
    lrOld = lr;
  }

  @Override
  public OptimizerState state() {
    return new OptimizerState(buffers.export(), Map.of(LR_OLD, lrOld));
  }

  @Override
  public void loadState(OptimizerState state) {
    Double old = state.scalars().get(LR_OLD);
    for (String key : state.scalars().keySet()) {
      if (!key.equals(LR_OLD)) {
        throw LeapseqException.of("'%s' is not nag optimizer state (expected lr_old); was the checkpoint saved by "
            + "another optimizer? (use --reset-optimizer)", key);
      }
    }
    buffers.load(state.tensors());
    lrOld = old == null ? cfg.lr().get(0) : old;
  }
}
