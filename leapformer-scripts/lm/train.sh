#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A small LeaPformer language model on Brown (prepare-brown.sh first), sized for a 2-core CPU: the fork's
# --dec-sa-leapformer-enable on transformer_lm_small_cpu, Adam with an inverse-sqrt schedule. Rerunning resumes.
# Usage: train.sh [DATA_DIR [SAVE_DIR]] [extra toolkit-train flags...]
#   defaults: DATA_DIR=$LEAPSEQ_DATA/data-bin/brown-16k (prepare-brown.sh --nwords 16000 DIR), SAVE_DIR=$LEAPSEQ_DATA/checkpoints/brown-leapformer
#   LM_MAX_UPDATE (default 300, ~15 minutes on 2 cores at ~700 tokens/s) bounds the run;
#   LM_ATTENTION=softmax|relu_linear|... replaces LeaPformer by another registered mechanism (train-softmax.sh,
#   compare-attention.sh).
source "$(dirname "$(readlink -f "$0")")/../common.sh"
data="${1:-$LEAPSEQ_DATA/data-bin/brown-16k}"; [[ $# -gt 0 ]] && shift
save="${1:-$LEAPSEQ_DATA/checkpoints/brown-leapformer}"; [[ $# -gt 0 ]] && shift
if [[ -n "${LM_ATTENTION:-}" ]]; then attention=(--attention "$LM_ATTENTION")
else attention=(--dec-sa-leapformer-enable --leap-factor 4); fi
[[ -f "$data/dict.txt" ]] || die "no $data/dict.txt; run leapformer-scripts/lm/prepare-brown.sh --nwords 16000 $data first"
exec "$BIN/toolkit-train" "$data" --task language_modeling --save-dir "$save" \
  --arch transformer_lm_small_cpu "${attention[@]}" \
  --optimizer adam --adam-betas '(0.9, 0.98)' --weight-decay 0.01 --clip-norm 0.0 \
  --lr 0.001 --lr-scheduler inverse_sqrt --warmup-updates 100 --warmup-init-lr 1e-07 \
  --tokens-per-sample 256 --sample-break-mode none --max-tokens 2048 --update-freq 1 \
  --max-update "${LM_MAX_UPDATE:-300}" --log-interval 25 --validate-interval-updates 200 --save-interval-updates 200 \
  --keep-interval-updates 2 --no-epoch-checkpoints --seed 1 "$@"
