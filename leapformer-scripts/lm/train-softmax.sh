#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# train.sh's model, schedule and data with softmax attention instead of LeaPformer (the baseline of RESULTS.md).
# Usage: train-softmax.sh [DATA_DIR [SAVE_DIR]] [extra toolkit-train flags...]
#   default SAVE_DIR: $LEAPSEQ_DATA/checkpoints/brown-softmax
source "$(dirname "$(readlink -f "$0")")/../common.sh"
data="${1:-$LEAPSEQ_DATA/data-bin/brown-16k}"; [[ $# -gt 0 ]] && shift
save="${1:-$LEAPSEQ_DATA/checkpoints/brown-softmax}"; [[ $# -gt 0 ]] && shift
LM_ATTENTION=softmax exec "$REPO/leapformer-scripts/lm/train.sh" "$data" "$save" "$@"
