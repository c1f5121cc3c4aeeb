// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.modules;

import org.leapseq.core.Registry;

/** Registers the attention mechanisms under the names {@code --attention} (and the LeaPformer flags) select. */
public final class AttentionMechanisms {
  /** Names of the built-in mechanisms. */
  public static final String SOFTMAX = "softmax";
  /** LeaPformer with fairseq's defaults. */
  public static final String LEAPFORMER = "leapformer";
  /** cosFormer. */
  public static final String COSFORMER = "cosformer";
  /** ReLU linear attention. */
  public static final String RELU_LINEAR = "relu_linear";
  /** ELU+1 linear attention. */
  public static final String ELU_LINEAR = "elu_linear";

  private AttentionMechanisms() {}

  /** Adds every built-in mechanism to {@code registry}. */
  public static void registerAll(Registry<AttentionMechanism.Factory> registry) {
    registry.register(SOFTMAX, SoftmaxMechanism.Config.class, c -> ctx -> new SoftmaxMechanism());
    registry.register(LEAPFORMER, LeapformerMechanism.Config.class, c -> ctx -> new LeapformerMechanism(ctx, c));
    registry.register(COSFORMER, CosformerMechanism.Config.class, c -> ctx -> new CosformerMechanism(c));
    registry.register(RELU_LINEAR, ReluLinearMechanism.Config.class, c -> ctx -> new ReluLinearMechanism(c));
    registry.register(ELU_LINEAR, EluLinearMechanism.Config.class, c -> ctx -> new EluLinearMechanism(c));
  }
}
