// SPDX-License-Identifier: Apache-2.0
/**
 * Scoring language models (fairseq-eval-lm): loading checkpoints into models, per-token log-probabilities of
 * target tokens (single models and ensembles), fairseq's context-window evaluation and streaming evaluation through
 * the decoder's incremental state.
 */
package org.leapseq.models.eval;
