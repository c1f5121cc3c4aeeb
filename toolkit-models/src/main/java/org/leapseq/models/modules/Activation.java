// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import java.util.Locale;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.tensor.Activations;
import org.leapseq.core.tensor.Tensor;

/** fairseq's {@code --activation-fn} choices that Leapseq supports. */
public enum Activation {
  /** max(x, 0). */
  RELU,
  /** The exact (erf) gelu fairseq uses. */
  GELU,
  /** tanh. */
  TANH,
  /** The identity. */
  LINEAR;

  /** Applies the activation. */
  public Tensor apply(Tensor x) {
    return switch (this) {
      case RELU -> Activations.relu(x);
      case GELU -> Activations.gelu(x);
      case TANH -> Activations.tanh(x);
      case LINEAR -> x;
    };
  }

  /** Parses fairseq's name ({@code relu}, {@code gelu}, {@code tanh}, {@code linear}). */
  public static Activation parse(String name) {
    for (Activation a : values()) {
      if (a.name().toLowerCase(Locale.ROOT).equals(name)) {
        return a;
      }
    }
    throw new LeapseqException("--activation-fn: unknown activation '" + name + "'; valid: relu, gelu, tanh, linear");
  }
}
