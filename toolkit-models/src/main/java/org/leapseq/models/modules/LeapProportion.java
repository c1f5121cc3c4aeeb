// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.nn.Linear.Bias;
import org.leapseq.core.nn.Linear;
import org.leapseq.core.nn.Module;
import org.leapseq.core.nn.Rng;
import org.leapseq.core.tensor.Activations;
import org.leapseq.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The LeaP module {@code Sequential(Linear(D, D/f), ReLU, Linear(D/f, 1), Sigmoid)}: one proportion in (0, 1) per
 * token and head, shared across heads. Children are named {@code 0} and {@code 2} as the Sequential's indices, so
 * the state dict reads {@code q_LeaP.0.weight} like fairseq's. The LRA form with hidden size 1 is a single
 * {@code Linear(D, 1)} (child {@code 0}). PyTorch's default Linear initialisation, as the reference keeps.
 */
public final class LeapProportion extends Module {
  private final Linear first;
  private final Linear second;

  /**
   * @param in the head size D
   * @param hidden D / leap_factor; ignored when {@code singleLayer}
   * @param singleLayer the LRA {@code learned_inter_size = 1} form
   */
  public LeapProportion(int in, int hidden, boolean singleLayer, DataType type, Rng rng) {
    if (singleLayer) {
      first = child("0", new Linear(in, 1, Bias.WITH, type, rng));
      second = null;
    } else {
      first = child("0", new Linear(in, hidden, Bias.WITH, type, rng));
      second = child("2", new Linear(hidden, 1, Bias.WITH, type, rng));
    }
  }

  /** x: [.., D] (ReLU features) -> p: [.., 1]. */
  public Tensor forward(Tensor x) {
    Tensor h = first.forward(x);
    if (second != null) {
      h = second.forward(Activations.relu(h));
    }
    return Activations.sigmoid(h);
  }
}
