// SPDX-License-Identifier: Apache-2.0
/**
 * Moving language models between fairseq and Leapseq: fairseq {@code transformer_lm} weights (by parameter name,
 * from safetensors or a PyTorch checkpoint's state dict) with their hyperparameters become a Leapseq checkpoint,
 * and a Leapseq checkpoint becomes safetensors with fairseq names plus the fairseq args that rebuild it.
 */
package org.leapseq.models.interop;
