// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.lm;

import java.util.Optional;
import org.leapseq.core.tensor.Tensor;
import org.leapseq.models.adaptive.AdaptiveSoftmax;

/**
 * What criterions, the trainer and evaluation need from a language model: the decoder features of a batch of token
 * rows and the way they become scores, either full logits or an adaptive softmax.
 */
public interface LanguageModel {
  /** tokens: [B, T] row-major ids (right-padded) -> features [B, T, E_out]. */
  Tensor features(int[] tokens, int width);

  /** features [B, T, E_out] -> logits [B, T, V]; only when {@link #adaptiveSoftmax()} is empty. */
  Tensor logits(Tensor features);

  /**
   * The [V, E_out] weight of the output layer when the model predicts with a plain bias-free linear projection
   * (own or tied to the token embedding), so that the loss may fuse it with the softmax; empty with an adaptive
   * softmax or any other head.
   */
  Optional<Tensor> outputWeight();

  /** The adaptive softmax head, when the model predicts through one ({@code --adaptive-softmax-cutoff}). */
  Optional<AdaptiveSoftmax> adaptiveSoftmax();

  /** The vocabulary size V. */
  int vocabSize();

  /** The padding index. */
  int paddingIdx();
}
