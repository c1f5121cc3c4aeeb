// SPDX-License-Identifier: Apache-2.0
/**
 * Training checkpoints: one safetensors file holding the model weights under their fairseq names, the optimizer's
 * tensors under a reserved prefix, and the trainer state, resolved config and provenance as JSON metadata; written
 * to a temporary file, fsynced and renamed, so a crash never leaves a half-written checkpoint under a real name.
 */
package org.leapseq.core.checkpoint;
