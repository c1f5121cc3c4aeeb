#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The quality comparison of docs/RESULTS.md: the same small LM (train.sh's model, schedule, data and seed) with
# LeaPformer, softmax and ReLU-linear self-attention for the same number of updates, then a table of the final
# validation loss and perplexity of each (from the runs' logs).
# Usage: compare-attention.sh [DATA_DIR [OUT_DIR]] [extra toolkit-train flags...]   (defaults:
#   $LEAPSEQ_DATA/data-bin/brown-16k, $LEAPSEQ_DATA/compare); LM_MAX_UPDATE sets the updates per model (default
#   300). Reruns resume each model.
source "$(dirname "$(readlink -f "$0")")/../common.sh"
data="${1:-$LEAPSEQ_DATA/data-bin/brown-16k}"; [[ $# -gt 0 ]] && shift
out="${1:-$LEAPSEQ_DATA/compare}"; [[ $# -gt 0 ]] && shift
[[ -f "$data/dict.txt" ]] || die "no $data/dict.txt; run leapformer-scripts/lm/prepare-brown.sh --nwords 16000 $data"
for name in leapformer softmax relu_linear; do
  mkdir -p "$out/$name"
  attention=""; [[ $name == leapformer ]] || attention="$name"
  LM_ATTENTION="$attention" "$REPO/leapformer-scripts/lm/train.sh" "$data" "$out/$name" \
    --log-file "$out/$name/train.log" "$@" \
    >"$out/$name/stdout.log" 2>&1 || die "$name failed: $(tail -3 "$out/$name/stdout.log")"
done
printf '%-12s %8s %10s %10s %12s\n' attention updates valid_loss valid_ppl train_wall_s
for name in leapformer softmax relu_linear; do
  line="$(grep -E "valid on 'valid' subset" "$out/$name/train.log" | tail -1)"
  wall="$(grep -E "\| train_wall [0-9]" "$out/$name/train.log" | tail -1 | sed -E 's/.*\| train_wall ([0-9.]+).*/\1/')"
  printf '%-12s %8s %10s %10s %12s\n' "$name" \
    "$(sed -E 's/.*\| num_updates ([0-9]+).*/\1/' <<<"$line")" \
    "$(sed -E 's/.*\| loss ([0-9.]+).*/\1/' <<<"$line")" \
    "$(sed -E 's/.*\| ppl ([0-9.]+).*/\1/' <<<"$line")" "${wall:--}"
done
