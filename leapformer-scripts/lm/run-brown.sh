#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The README's main job, from a fresh clone: build, fetch and binarize Brown (16,000-word vocabulary), train the
# small LeaPformer LM of train.sh, and print its validation perplexity. Rerunning resumes where it stopped.
#   LM_MAX_UPDATE  updates to train (default 300); LEAPSEQ_DATA  where data and checkpoints go (default ./data)
source "$(dirname "$(readlink -f "$0")")/../common.sh"
(cd "$REPO" && mvn -q -B package -DskipTests) || die "build failed"
data="$LEAPSEQ_DATA/data-bin/brown-16k"
[[ -f "$data/dict.txt" ]] || "$REPO/leapformer-scripts/lm/prepare-brown.sh" --nwords 16000 "$data"
save="$LEAPSEQ_DATA/checkpoints/brown-leapformer"
log="$save/train.log"
mkdir -p "$save"
"$REPO/leapformer-scripts/lm/train.sh" "$data" "$save" --log-file "$log" "$@"
ppl="$(grep -E "valid on 'valid' subset" "$log" | tail -1 | sed -E 's/.*\| ppl ([0-9.]+).*/\1/')"
[[ -n "$ppl" ]] || die "no validation line in $log"
echo "validation perplexity of $save/checkpoint_last.safetensors on Brown valid: $ppl"
