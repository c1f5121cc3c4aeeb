// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * fairseq's {@code sgd}, which is {@code torch.optim.SGD} without dampening or Nesterov. Per parameter with
 * gradient g:
 *
 * <pre>
 *   d = g + wd*p                      (only if wd != 0; L2 through the gradient, not decoupled)
 *   buf = d on the first step, else buf = buf*mu + d     (only if mu != 0; then d = buf)
 *   p = p + (-lr) * d
 * </pre>
 *
 * State: {@code <i>.momentum_buffer} (with momentum only).
 */
public final class Sgd implements Optimizer {
  static final String MOMENTUM_BUFFER = "momentum_buffer";

  private final SgdConfig cfg;
  private final List<Tensor> params;
  private final ParamBuffers buffers;

  public Sgd(SgdConfig cfg, List<Tensor> params) {
    this.cfg = cfg;
    this.params = List.copyOf(params);
    this.buffers = new ParamBuffers("sgd", this.params, Set.of(MOMENTUM_BUFFER));
  }

  /** The registry factory: {@code registry.register("sgd", SgdConfig.class, Sgd::factory)}. */
  public static Optimizer.Factory factory(SgdConfig cfg) {
    return params -> new Sgd(cfg, params);
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
    INDArray d = g;
    if (cfg.weightDecay() != 0) {
      d = g.add(w.mul(cfg.weightDecay()));
    }
    if (cfg.momentum() != 0) {
      INDArray buf = buffers.get(i, MOMENTUM_BUFFER);
      if (buf == null) {
        buf = d.dup('c');
        buffers.put(i, MOMENTUM_BUFFER, buf);
      } else {
        buf.muli(cfg.momentum()).addi(d);
      }
      d = buf;
    }
    w.addi(d.mul(-lr));
  }

  @Override
  public OptimizerState state() {
    return new OptimizerState(buffers.export(), Map.of());
  }

  @Override
  public void loadState(OptimizerState state) {
    for (String key : state.scalars().keySet()) {
      ParamBuffers.parseIndex("sgd", key, Set.of(), params.size());
    }
    buffers.load(state.tensors());
  }
}
