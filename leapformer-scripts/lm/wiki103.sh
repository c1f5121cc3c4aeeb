#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The reference recipe (fairseq-leapformer/leapformer-scripts/lm/adaptive_lm_train.sh) with its exact flags:
# transformer_lm_wiki103 (adaptive input/softmax, 16 x 1024), NAG, cosine schedule, adaptive_loss, LeaPformer
# self-attention. For users with WikiText-103 binarized by toolkit-preprocess --only-source and a large machine:
# ~247 M parameters; fairseq ran it on GPUs for 250k updates. --ddp-backend is not needed (single process).
# Usage: wiki103.sh WIKITEXT_DATA_BIN SAVE_DIR [extra toolkit-train flags...]
source "$(dirname "$(readlink -f "$0")")/../common.sh"
(($# >= 2)) || die "usage: $(basename "$0") WIKITEXT_DATA_BIN SAVE_DIR [extra toolkit-train flags...]"
data="$1"; save="$2"; shift 2
exec "$BIN/toolkit-train" "$data" --task language_modeling --save-dir "$save" \
  --arch transformer_lm_wiki103 \
  --max-update 250000 --lr 1.0 --t-mult 2 --lr-period-updates 270000 --lr-scheduler cosine --lr-shrink 0.75 \
  --warmup-updates 8000 --warmup-init-lr 1e-07 --stop-min-lr 1e-09 --optimizer nag --min-lr 0.0001 --clip-norm 0.1 \
  --criterion adaptive_loss --max-tokens 4096 --update-freq 2 --tokens-per-sample 512 --seed 1 \
  --sample-break-mode none --skip-invalid-size-inputs-valid-test \
  --dec-sa-leapformer-enable "$@"
