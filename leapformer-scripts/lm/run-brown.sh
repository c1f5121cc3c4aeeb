#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The README's main job, from a fresh clone: build, fetch and binarize Brown (16,000-word vocabulary), train the
# small LeaPformer LM of train.sh, print its validation perplexity, evaluate it on the test split with
# toolkit-eval-lm, and continue three prompts with toolkit-generate. Rerunning resumes where it stopped.
#   LM_MAX_UPDATE  updates to train (default 240, about 10 minutes on 2 cores); LEAPSEQ_DATA  where data and
#   checkpoints go (default ./data)
source "$(dirname "$(readlink -f "$0")")/../common.sh"
(cd "$REPO" && mvn -q -B package -DskipTests) || die "build failed"
data="$LEAPSEQ_DATA/data-bin/brown-16k"
[[ -f "$data/dict.txt" ]] || "$REPO/leapformer-scripts/lm/prepare-brown.sh" --nwords 16000 "$data"
save="$LEAPSEQ_DATA/checkpoints/brown-leapformer"
log="$save/train.log"
mkdir -p "$save"
LM_MAX_UPDATE="${LM_MAX_UPDATE:-240}" "$REPO/leapformer-scripts/lm/train.sh" "$data" "$save" --log-file "$log" \
  --validate-interval-updates 0 --save-interval-updates 0 "$@"
ppl="$(grep -E "valid on 'valid' subset" "$log" | tail -1 | sed -E 's/.*\| ppl ([0-9.]+).*/\1/')"
[[ -n "$ppl" ]] || die "no validation line in $log"
echo "validation perplexity of $save/checkpoint_last.safetensors on Brown valid: $ppl"
"$BIN/toolkit-eval-lm" "$data" --path "$save/checkpoint_last.safetensors" --gen-subset test --max-tokens 4096 \
  2>&1 | grep -E "Evaluated|Loss \(base 2\)" || die "toolkit-eval-lm failed"
printf 'the jury said\nit was the first time\nhe had never\n' | "$BIN/toolkit-generate" "$data" \
  --path "$save/checkpoint_last.safetensors" --beam 4 --max-len-b 24 --no-repeat-ngram-size 3 --batch-size 3 \
  2>&1 | grep -E "^(S|H)-" || die "toolkit-generate failed"
