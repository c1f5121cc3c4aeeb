#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# End-to-end check of bin/toolkit-prep-s2t on the committed espeak-ng WAV fixtures: raw manifests (as
# prepare-bible.sh writes them) and a tiny MuST-C layout in, fbank80.zip / manifests / vocabulary / config out;
# reruns with other thread counts are byte-identical; exit codes and one-line errors of bad input. The vocabulary
# steps need spm_train (apt-get install -y sentencepiece). Ends with "N passed, M failed"; exits 1 on any failure.
source "$(dirname "$(readlink -f "$0")")/lib.sh"
audio="$REPO/toolkit-data/src/test/resources/audio"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v spm_train >/dev/null 2>&1 || { echo "prep-s2t-e2e: spm_train not installed (apt-get install -y sentencepiece)" >&2; exit 1; }

raw="$work/raw"
mkdir -p "$raw/wav"
cp "$audio/mono-16k-s16.wav" "$raw/wav/a.wav"
cp "$audio/mono-8k-s16.wav" "$raw/wav/b.wav"
cp "$audio/stereo-16k-s24.wav" "$raw/wav/c.wav"
header=$'id\taudio\tn_frames\tsrc_text\ttgt_text\tspeaker'
printf '%s\n' "$header" $'a\twav/a.wav\t20759\tIn the beginning\tEn el principio\ten-us' \
  $'b\twav/b.wav\t6400\tand the earth\ty la tierra\ten-gb' >"$raw/train.tsv"
printf '%s\n' "$header" $'c\twav/c.wav\t8000\tlight\tluz\ten-029' >"$raw/test.tsv"

"$BIN/toolkit-prep-s2t" --manifest-dir "$raw" --task st,asr --vocab-type char --cmvn-type global --workers 2 \
  >"$work/log" 2>&1
check "raw manifests, --task st,asr --vocab-type char --cmvn-type global exits 0" test $? -eq 0
for f in fbank80.zip gcmvn.npz {train,test}_{st,asr}.tsv spm_char_{st,asr}.{model,vocab,txt} config_{st,asr}.yaml; do
  check "  $f written" test -s "$raw/$f"
done
check "  train_st.tsv: fairseq's columns, fbank frames, Spanish text" \
  grep -qP "^b\t$raw/fbank80.zip:\d+:\d+\t78\ty la tierra\ten-gb$" "$raw/train_st.tsv"
check "  test_asr.tsv holds the transcript" grep -qP '\tlight\ten-029$' "$raw/test_asr.tsv"
check "  config_st.yaml names the global CMVN stats" grep -qF "stats_npz_path: \"$raw/gcmvn.npz\"" "$raw/config_st.yaml"
check "  no hidden temporary files left" test "$(ls -A "$raw" | grep -c '^\.')" -eq 0
md5sum "$raw"/fbank80.zip "$raw"/gcmvn.npz "$raw"/*_st.tsv "$raw"/spm_char_st.model >"$work/md5"
"$BIN/toolkit-prep-s2t" --manifest-dir "$raw" --task st --vocab-type char --cmvn-type global --workers 1 \
  --spm-threads 2 >/dev/null 2>&1
check "rerun with 1 feature thread gives byte-identical outputs" md5sum --quiet -c "$work/md5"

mustc="$work/mustc/en-de/data/train"
mkdir -p "$mustc/wav" "$mustc/txt"
cp "$audio/mono-16k-s16.wav" "$mustc/wav/ted_1.wav"
printf '%s\n' "- {duration: 0.5, offset: 0.9, speaker_id: spk.1, wav: ted_1.wav}" \
  "- {duration: 0.5, offset: 00.1, speaker_id: spk.1, wav: ted_1.wav}" >"$mustc/txt/train.yaml"
printf 'late\nearly\n' >"$mustc/txt/train.en"
printf 'spaet\nfrueh\n' >"$mustc/txt/train.de"
"$BIN/toolkit-prep-s2t" --data-root "$work/mustc" --tgt-lang de --splits train --task st --vocab-type char >/dev/null 2>&1
check "MuST-C layout (--data-root --tgt-lang de) exits 0 and writes into en-de" test -s "$work/mustc/en-de/config_st.yaml"
check "  ids follow fairseq's offset-string order (\"0.9\" < \"00.1\")" \
  grep -qP '^ted_1_0\t.*\tspaet\tspk.1$' "$work/mustc/en-de/train_st.tsv"

rm "$raw/wav/c.wav" "$raw"/*_st.tsv "$raw/fbank80.zip"
"$BIN/toolkit-prep-s2t" --manifest-dir "$raw" --task st >/dev/null 2>"$work/err"
check "a manifest row with a missing WAV exits 1" test $? -eq 1
check "  ... with one line naming the manifest, its line and the file" grep -qxF \
  "toolkit-prep-s2t: error: $raw/test.tsv:2: audio file $raw/wav/c.wav not found (utterance 'c')" "$work/err"
check "  ... and writes nothing" test ! -e "$raw/fbank80.zip" -a ! -e "$raw/train_st.tsv"
printf '%s\n' "$header" $'a\twav/a.wav\t20759\tIn the beginning' >"$raw/test.tsv"
"$BIN/toolkit-prep-s2t" --manifest-dir "$raw" --task st >/dev/null 2>"$work/err"
check "a row with too few columns exits 1 naming file and line" grep -qxF \
  "toolkit-prep-s2t: error: $raw/test.tsv:2: 4 columns, expected 6 (id audio n_frames src_text tgt_text speaker)" "$work/err"
"$BIN/toolkit-prep-s2t" --manifest-dir "$work/nowhere" --task st >/dev/null 2>"$work/err"
check "a missing --manifest-dir exits 1" grep -qxF \
  "toolkit-prep-s2t: error: $work/nowhere: no such directory (expected raw manifests <split>.tsv)" "$work/err"
"$BIN/toolkit-prep-s2t" --manifest-dir "$raw" --task mt >/dev/null 2>&1
check "bad flag exits 2" test $? -eq 2

report
