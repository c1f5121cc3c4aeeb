// SPDX-License-Identifier: Apache-2.0
/**
 * Training objectives as fairseq's criterions: {@code cross_entropy}, {@code label_smoothed_cross_entropy} and
 * {@code adaptive_loss} over a {@link org.leapseq.models.lm.LanguageModel}, each fused log-softmax + NLL ops (fused
 * with the output projection too, never holding [N, V] logits, when the model has a plain bias-free one), with
 * fairseq's logging outputs and their reduction into logged metrics (loss and nll_loss in base 2, ppl, accuracy).
 */
package org.leapseq.models.criterions;
